package dev.omnibridge.webhook;

/** An HTTP request (webhook or admin) is refused with a status; {@code reason} goes into the JSON error and the metrics. */
public class RejectedRequestException extends RuntimeException {

    private final int status;
    private final String reason;

    public RejectedRequestException(int status, String reason, String message) {
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
