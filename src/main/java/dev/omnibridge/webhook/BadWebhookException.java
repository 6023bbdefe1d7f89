package dev.omnibridge.webhook;

/** A webhook the bridge refuses; {@link #reason()} is a short machine-readable code for the JSON error. */
public class BadWebhookException extends RuntimeException {

    private final String reason;

    public BadWebhookException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
