package dev.omnibridge.omnidesk;

/** Omnidesk answered with a non-2xx status. The message carries the status and Omnidesk's error code only. */
public class OmnideskCallException extends RuntimeException {

    private final int status;

    public OmnideskCallException(String operation, int status, String error) {
        super("Omnidesk " + operation + " answered " + status + (error.isEmpty() ? "" : " (" + error + ")"), null,
                false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
