package dev.omnibridge.sandbox;

import java.time.Instant;

/**
 * One rule firing and what became of it.
 *
 * @param rule   {@code "new-case"} or {@code "updated-case"}
 * @param url    the URL after placeholder substitution (may hold the receiver's secret: keep it in-process)
 * @param body   exactly the bytes sent, placeholders substituted raw
 * @param status HTTP status received, or -1 when the request failed (connection refused, timeout, bad URL)
 */
public record WebhookDelivery(long caseId, String rule, String url, String body, int status, Instant sentAt) {

    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
