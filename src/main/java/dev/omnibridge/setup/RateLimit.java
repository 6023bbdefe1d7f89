package dev.omnibridge.setup;

import dev.omnibridge.omnidesk.RateHeaders;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * The account's API budget as Omnidesk reports it on every response ({@link RateHeaders}).
 *
 * @param perMinute units per minute for the whole account (writes cost 2)
 * @param left      units left in the current minute, or -1 when not reported
 */
public record RateLimit(int perMinute, int left) {

    static final String LIMIT_HEADER = RateHeaders.LIMIT;

    /** The budget from a response's headers; empty when the limit header is absent or not a number. */
    static Optional<RateLimit> from(HttpHeaders headers) {
        Integer limit = RateHeaders.limit(name -> headers.firstValue(name).orElse(null));
        if (limit == null) {
            return Optional.empty();
        }
        Integer left = RateHeaders.left(name -> headers.firstValue(name).orElse(null));
        return Optional.of(new RateLimit(limit, left == null ? -1 : left));
    }
}
