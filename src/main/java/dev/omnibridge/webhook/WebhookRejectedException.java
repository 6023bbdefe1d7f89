package dev.omnibridge.webhook;

/** The webhook is refused with an HTTP status; {@code reason} goes into the JSON error and the metrics. */
public class WebhookRejectedException extends RuntimeException {

    private final int status;
    private final String reason;

    public WebhookRejectedException(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
