package dev.omnibridge.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.omnibridge.dialog.CaseLanes;
import dev.omnibridge.storage.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the webhook (and the admin endpoints) answer when a request fails: bad input is a 4xx; a full lane or a failing
 * disk is a 503 with {@code Retry-After}; never a stack trace. The {@code webhook-errors} configuration turns the
 * {@link Rejection} into the HTTP answer.
 */
public class WebhookResponses {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookResponses.class);

    /** A lane at capacity: come back later. */
    public static final String BUSY = "busy";
    /** Anything else that stopped the intake (a failing disk, a bug). */
    public static final String UNAVAILABLE = "unavailable";

    /**
     * @param status  the HTTP status
     * @param reason  a short code, for the answer and the {@code bridge_webhooks_rejected_total} counter
     * @param message one sentence for the sender
     */
    public record Rejection(int status, String reason, String message) {

        /** 503: the sender should come back later (Omnidesk does not; a person or a script may). */
        public boolean retryLater() {
            return status == 503;
        }
    }

    /** Why the request failed, from the exception the route caught. */
    public Rejection rejection(Throwable cause) {
        if (cause instanceof RejectedRequestException rejected) {
            return new Rejection(rejected.status(), rejected.reason(), rejected.getMessage());
        }
        if (cause instanceof BadWebhookException bad) {
            return new Rejection(400, bad.reason(), bad.getMessage());
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CaseLanes.LaneFullException) {
                return new Rejection(503, BUSY, "The bridge is busy; retry later");
            }
        }
        LOG.error("Webhook not accepted: {}", cause == null ? "unknown error" : cause.toString());
        return new Rejection(503, UNAVAILABLE, "The bridge cannot accept webhooks right now; retry later");
    }

    /** The answer's JSON body: {@code {"error": "...", "message": "..."}}. */
    public String body(Rejection rejection) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", rejection.reason());
        body.put("message", rejection.message());
        return Json.MAPPER.writeValueAsString(body);
    }
}
