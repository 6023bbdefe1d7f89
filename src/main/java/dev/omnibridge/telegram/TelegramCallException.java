package dev.omnibridge.telegram;

/**
 * A Bot API call answered with an error. Only Telegram's description is kept: the request (whose URL holds the bot
 * token) never appears in the message.
 *
 * @param retryAfterSeconds Telegram's {@code parameters.retry_after} of a 429, else 0
 */
public class TelegramCallException extends RuntimeException {

    private final String method;
    private final int status;
    private final long retryAfterSeconds;

    public TelegramCallException(String method, int status, String description, long retryAfterSeconds) {
        super("Telegram " + method + " answered " + status + (description.isBlank() ? "" : ": " + description));
        this.method = method;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String method() {
        return method;
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 429 and 5xx pass; any other 4xx (a blocked bot, a chat that is gone, a bad request) will not. */
    public boolean isTransient() {
        return status == 429 || status >= 500;
    }
}
