package dev.omnibridge.sandbox;

import java.time.Instant;

/**
 * One staff message posted to the custom channel's webhook URL, and what became of it after the retries.
 *
 * @param body     exactly the form-encoded bytes sent
 * @param status   HTTP status of the last attempt, or -1 when it failed (connection refused, timeout, bad URL)
 * @param answer   the receiver's answer body (its first {@value WebhookDelivery#ANSWER_LIMIT} characters), or why
 *                 there was none
 * @param attempts how many times it was sent before it was accepted or given up
 */
public record ChannelDelivery(long caseId, long messageId, String body, int status, String answer, int attempts,
                              Instant sentAt) {

    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
