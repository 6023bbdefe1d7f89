package dev.omnibridge.dialog;

import dev.omnibridge.dialog.WebhookEvent;
import dev.omnibridge.webhook.IntakeJournal;
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

    @Override
    public Exchange aggregate(Exchange collected, Exchange arriving) {
        WebhookEvent event = arriving.getMessage().getBody(WebhookEvent.class);
        String entry = arriving.getProperty(IntakeJournal.ENTRY_PROPERTY, String.class);
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
