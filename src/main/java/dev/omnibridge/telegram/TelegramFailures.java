package dev.omnibridge.telegram;

import java.io.IOException;

/**
 * Which failed Bot API calls are retried: I/O errors, timeouts, 429 (after its {@code retry_after}) and 5xx, until
 * {@code telegram.retry.max-attempts}. Another 4xx is the request's own fault (a blocked bot, a chat that is gone)
 * and would fail again.
 */
public class TelegramFailures {

    private int maxAttempts = 20;

    /** Attempts in all, the first included. */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** The retry policy's {@code retryWhile}; {@code failedAttempts} is Camel's redelivery counter. */
    public boolean shouldRetry(Throwable failure, Integer failedAttempts) {
        int attempts = failedAttempts == null ? 1 : Math.max(1, failedAttempts);
        return attempts < maxAttempts && isTransient(failure);
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TelegramCallException call) {
                return call.isTransient();
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
