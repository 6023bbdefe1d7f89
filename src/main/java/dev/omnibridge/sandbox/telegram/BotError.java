package dev.omnibridge.sandbox.telegram;

/**
 * A Bot API refusal, answered as {@code {"ok":false,"error_code":N,"description":"..."}} with the HTTP status N.
 * The descriptions are Telegram's own words: clients match on them.
 *
 * @param retryAfter seconds for {@code parameters.retry_after}, 0 for none
 */
final class BotError extends RuntimeException {

    private final int code;
    private final String description;
    private final long retryAfter;

    BotError(int code, String description, long retryAfter) {
        super(code + " " + description, null, false, false);
        this.code = code;
        this.description = description;
        this.retryAfter = retryAfter;
    }

    static BotError badRequest(String what) {
        return new BotError(400, "Bad Request: " + what, 0);
    }

    static BotError unauthorized() {
        return new BotError(401, "Unauthorized", 0);
    }

    static BotError notFound() {
        return new BotError(404, "Not Found", 0);
    }

    static BotError conflict(String what) {
        return new BotError(409, "Conflict: " + what, 0);
    }

    static BotError tooManyRequests(long seconds) {
        return new BotError(429, "Too Many Requests: retry after " + seconds, seconds);
    }

    static BotError chatNotFound() {
        return badRequest("chat not found");
    }

    int code() {
        return code;
    }

    String description() {
        return description;
    }

    long retryAfter() {
        return retryAfter;
    }
}
