package dev.omnibridge.bot.engine;

/**
 * A bot engine call that did not produce a usable answer. The message is written by the bridge and is safe to log:
 * it never contains the request or response body (customer data) nor credentials.
 */
public class EngineException extends RuntimeException {

    private final boolean retryable;

    public EngineException(String message, boolean retryable) {
        super(message, null, false, false);
        this.retryable = retryable;
    }

    /** The engine answered, but not in its contract: asking again would not help. */
    public static EngineException garbage(String what) {
        return new EngineException(what, false);
    }

    /** I/O errors, timeouts and 5xx: the next attempt may succeed. */
    public boolean isRetryable() {
        return retryable;
    }
}
