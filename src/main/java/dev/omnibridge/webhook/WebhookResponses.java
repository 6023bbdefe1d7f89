package dev.omnibridge.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.dialog.CaseLanes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever went wrong in the webhook route into a short JSON answer. Bad input is a 4xx; a full queue or a
 * failing disk is a 503 with {@code Retry-After}; never a stack trace.
 */
public class WebhookResponses {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private int retryAfterSeconds = 5;

    public void setRetryAfterSeconds(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A dialog lane at capacity refuses new webhooks; so does a seda queue that is full ("Queue full"). */
    private static boolean isFullQueue(Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CaseLanes.LaneFullException
                    || t instanceof IllegalStateException && "Queue full".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    public void reject(Exchange exchange) throws Exception {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        String reason;
        String message;
        if (cause instanceof RejectedRequestException rejected) {
            status = rejected.status();
            reason = rejected.reason();
            message = rejected.getMessage();
        } else if (cause instanceof BadWebhookException bad) {
            status = 400;
            reason = bad.reason();
            message = bad.getMessage();
        } else if (isFullQueue(cause)) {
            status = 503;
            reason = "busy";
            message = "The bridge is busy; retry later";
        } else {
            status = 503;
            reason = "unavailable";
            message = "The bridge cannot accept webhooks right now; retry later";
            LOG.error("Webhook not accepted: {}", cause == null ? "unknown error" : cause.toString());
        }
        exchange.setProperty("rejectReason", reason);
        // Request headers (and form fields a misconfigured rule may send) must not echo back into the answer.
        exchange.getMessage().removeHeaders("*");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", reason);
        body.put("message", message);
        if (status == 503) {
            exchange.getMessage().setHeader("Retry-After", retryAfterSeconds);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(body));
    }
}
