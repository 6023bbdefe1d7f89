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
 * Posts staff messages to the custom channel's URL, form-encoded, one at a time in submission order (so in order per
 * case), off the caller's thread. Whether Omnidesk retries is unknown; a few retries here make a receiver that
 * fails once and then succeeds see the same message twice, which it must survive anyway.
 */
final class ChannelSender implements AutoCloseable {

    static final int ATTEMPTS = 3;
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(ChannelSender.class);

    private final OrderedPoster poster;
    private final BoundedLog<ChannelDelivery> deliveries;

    ChannelSender(Duration timeout, BoundedLog<ChannelDelivery> deliveries) {
        this.deliveries = deliveries;
        this.poster = new OrderedPoster("sandbox-omnidesk-channel", timeout, timeout, WebhookDelivery.ANSWER_LIMIT,
                new OrderedPoster.Retries(ATTEMPTS, FIRST_BACKOFF_MILLIS, Long.MAX_VALUE));
    }

    /** Queues one delivery; it starts once {@code responded} completes (or after the timeout, whichever first). */
    void send(long caseId, long messageId, String url, String body, CompletionStage<?> responded) {
        boolean queued = poster.post(url, "application/x-www-form-urlencoded", Map.of(), body, responded,
                ChannelSender::log, answer -> deliveries.add(new ChannelDelivery(caseId, messageId, body,
                        answer.status(), answer.text(), answer.attempts(), Instant.now())));
        if (!queued) {
            LOG.debug("Sandbox closed; message {} not posted to the channel", messageId);
        }
    }

    private static void log(OrderedPoster.Answer answer) {
        if (answer.failure() != null && !answer.interrupted()) {
            // The URL is not logged: receivers authenticate with a secret inside it.
            LOG.warn("Custom channel webhook failed: {}", answer.failure().getClass().getSimpleName());
        }
    }

    /** Lets queued deliveries finish for a moment, then drops the rest. */
    @Override
    public void close() {
        poster.close(dropped -> LOG.info("Sandbox closed with {} channel messages undelivered", dropped));
    }
}
