package dev.omnibridge.omnidesk;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The {@code enrich} strategy of a read made in the middle of a write (the in-doubt look at the case): the write's
 * exchange stays exactly as it was (its request, its retry state), the read's answer goes into a variable, and a read
 * that failed fails the write's attempt. Camel's default enrich strategy would copy the read's properties over the
 * write's, and {@code variableReceive} with {@code UseOriginalAggregationStrategy} stores the original body instead.
 */
public class ReadAside implements AggregationStrategy {

    private String variable = "caseMessages";

    public void setVariable(String variable) {
        this.variable = variable;
    }

    @Override
    public Exchange aggregate(Exchange write, Exchange read) {
        if (read.getException() != null) {
            write.setException(read.getException());
        } else {
            write.setVariable(variable, read.getMessage().getBody());
        }
        return write;
    }
}
