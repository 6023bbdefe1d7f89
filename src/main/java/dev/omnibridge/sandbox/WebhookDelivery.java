package dev.omnibridge.sandbox;

import java.time.Instant;

/**
 * One rule firing and what became of it.
 *
 * @param rule   {@code "new-case"} or {@code "updated-case"}
 * @param url    the URL after placeholder substitution (may hold the receiver's secret: keep it in-process)
 * @param body   exactly the bytes sent, placeholders substituted raw
 * @param status HTTP status received, or -1 when the request failed (connection refused, timeout, bad URL)
 * @param answer the receiver's answer body (its first {@value #ANSWER_LIMIT} characters), or why there was none
 */
public record WebhookDelivery(long caseId, String rule, String url, String body, int status, String answer,
                              Instant sentAt) {

    /** Enough for any answer the bridge gives; a receiver that answers a page is cut short. */
    public static final int ANSWER_LIMIT = 2000;

    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
