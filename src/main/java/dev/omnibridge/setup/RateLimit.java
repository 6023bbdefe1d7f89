package dev.omnibridge.setup;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The account's API budget as Omnidesk reports it on every response, in headers named literally
 * {@code rate_limit_per_minute} and {@code api_calls_left}.
 *
 * @param perMinute units per minute for the whole account (writes cost 2)
 * @param left      units left in the current minute, or -1 when not reported
 */
public record RateLimit(int perMinute, int left) {

    static final String LIMIT_HEADER = "rate_limit_per_minute";
    static final String LEFT_HEADER = "api_calls_left";

    /** The budget from a response's headers; empty when the limit header is absent or not a number. */
    static Optional<RateLimit> from(HttpHeaders headers) {
        OptionalInt limit = number(headers, LIMIT_HEADER, "X-RateLimit-Limit");
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RateLimit(limit.getAsInt(), number(headers, LEFT_HEADER, "X-RateLimit-Remaining").orElse(-1)));
    }

    private static OptionalInt number(HttpHeaders headers, String name, String fallbackName) {
        String value = headers.firstValue(name).or(() -> headers.firstValue(fallbackName)).orElse("").strip();
        return value.matches("\\d{1,9}") ? OptionalInt.of(Integer.parseInt(value)) : OptionalInt.empty();
    }
}
