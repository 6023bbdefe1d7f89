package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.SandboxException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Omnidesk list paging: {@code page} 1..500 (1-based), {@code limit} 1..100, default 100. Out of range is clamped. */
record Paging(int page, int limit) {

    static final int MAX_PAGE = 500;
    static final int MAX_LIMIT = 100;

    static Paging of(RoutingContext ctx) {
        return new Paging(
                clamp(intParam(ctx, "page", 1), 1, MAX_PAGE),
                clamp(intParam(ctx, "limit", MAX_LIMIT), 1, MAX_LIMIT));
    }

    <T> List<T> slice(List<T> all) {
        long from = (long) (page - 1) * limit;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + limit));
    }

    private static int intParam(RoutingContext ctx, String name, int fallback) {
        String value = QueryParams.first(ctx, name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw SandboxException.badRequest("invalid_" + name);
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
