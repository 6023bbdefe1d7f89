package dev.omnibridge.dialog;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The dialog lane's aggregation strategy: gathers a case's webhooks into one {@link Burst}, keeping each one's
 * intake journal entry and whether it was recovered after a restart (exchange properties that aggregation would
 * otherwise drop).
 */
public class BurstCollector implements AggregationStrategy {

    /** Set on webhooks accepted before a crash and handled again after the restart. */
    public static final String RECOVERED = "recovered";
    /** The webhook's intake journal entry, completed once its turn is done. */
    public static final String JOURNAL_ENTRY = "journalEntry";

    /** Cluster mode: a record of the Kafka intake is a turn of its own (its partition keeps the case's order). */
    public Burst single(WebhookEvent event, boolean recovered) {
        return Burst.of(event, null, recovered);
    }

    @Override
    public Exchange aggregate(Exchange collected, Exchange arriving) {
        WebhookEvent event = arriving.getMessage().getBody(WebhookEvent.class);
        String entry = arriving.getProperty(JOURNAL_ENTRY, String.class);
        boolean recovered = arriving.getProperty(RECOVERED, false, Boolean.class);
        if (collected == null) {
            arriving.getMessage().setBody(Burst.of(event, entry, recovered));
            return arriving;
        }
        Burst burst = collected.getMessage().getBody(Burst.class);
        collected.getMessage().setBody(burst.plus(event, entry, recovered));
        return collected;
    }
}
