package dev.omnibridge.omnidesk;

import java.util.function.Function;

/**
 * How Omnidesk reports the account's API budget on every answer, read in one place for the bridge's budget and the
 * setup tools: headers named literally {@code rate_limit_per_minute} and {@code api_calls_left} (the conventional
 * {@code X-RateLimit-*} names as a fallback), and {@code retry_after} (or {@code Retry-After}) on a 429.
 */
public final class RateHeaders {

    public static final String LIMIT = "rate_limit_per_minute";
    public static final String LEFT = "api_calls_left";
    public static final String RETRY_AFTER = "retry_after";

    private RateHeaders() {}

    /** Units per minute for the whole account; null when not reported. {@code header}: a header's value by name. */
    public static Integer limit(Function<String, String> header) {
        return number(header, LIMIT, "X-RateLimit-Limit");
    }

    /** Units left in the current minute; null when not reported. */
    public static Integer left(Function<String, String> header) {
        return number(header, LEFT, "X-RateLimit-Remaining");
    }

    /** Seconds to wait after a 429; 1 when Omnidesk does not say. */
    public static int retryAfter(Function<String, String> header) {
        Integer seconds = number(header, RETRY_AFTER, "Retry-After");
        return seconds == null ? 1 : seconds;
    }

    private static Integer number(Function<String, String> header, String name, String fallbackName) {
        Integer value = number(header.apply(name));
        return value != null ? value : number(header.apply(fallbackName));
    }

    /** A whole non-negative number of at most nine digits, or null. */
    static Integer number(String value) {
        String stripped = value == null ? "" : value.strip();
        return stripped.matches("\\d{1,9}") ? Integer.valueOf(stripped) : null;
    }
}
