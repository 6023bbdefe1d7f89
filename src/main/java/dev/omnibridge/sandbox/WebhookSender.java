package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.BoundedLog;
import dev.omnibridge.sandbox.support.OrderedPoster;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers rule webhooks one at a time, in submission order, off the caller's thread. No retries: Omnidesk
 * documents none, and a bridge must not count on them.
 */
final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final OrderedPoster poster;
    private final BoundedLog<WebhookDelivery> deliveries;

    WebhookSender(Duration timeout, BoundedLog<WebhookDelivery> deliveries) {
        this.deliveries = deliveries;
        this.poster = new OrderedPoster("sandbox-omnidesk-rules", timeout, timeout, WebhookDelivery.ANSWER_LIMIT,
                OrderedPoster.Retries.NONE);
    }

    /** Queues one delivery; it starts once {@code responded} completes (or after the timeout, whichever first). */
    void send(long caseId, RuleTemplate rule, String url, String body, CompletionStage<?> responded) {
        boolean queued = poster.post(url, "application/json", Map.of(), body, responded, WebhookSender::log,
                answer -> deliveries.add(new WebhookDelivery(caseId, rule.ruleName(), url, body, answer.status(),
                        answer.text(), Instant.now())));
        if (!queued) {
            LOG.debug("Sandbox closed; rule {} for case {} not delivered", rule.ruleName(), caseId);
        }
    }

    private static void log(OrderedPoster.Answer answer) {
        if (answer.failure() == null) {
            LOG.debug("Rule webhook answered {}", answer.status());
        } else if (!answer.interrupted()) {
            // The URL is not logged: receivers authenticate with a secret inside it.
            LOG.warn("Rule webhook failed: {}", answer.failure().getClass().getSimpleName());
        }
    }

    /** Lets queued deliveries finish for a moment, then drops the rest. */
    @Override
    public void close() {
        poster.close(dropped -> LOG.info("Sandbox closed with {} rule webhooks undelivered", dropped));
    }
}
