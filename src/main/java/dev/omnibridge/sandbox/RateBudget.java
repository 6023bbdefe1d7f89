package dev.omnibridge.sandbox;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Omnidesk's account-wide API budget: a fixed window (a minute in real life) holding {@code limit} units,
 * refilled at the window boundary. A call that does not fit is refused whole and spends nothing.
 */
final class RateBudget {

    /** Outcome of one admission: whether it fits, and what the rate headers should say. */
    record Decision(boolean allowed, int limit, int left, long retryAfterSeconds) {}

    private final LongSupplier nanoClock;
    private int limit;
    private long windowNanos;
    private long windowStart;
    private int used;

    RateBudget(int limit, Duration window, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        reconfigure(limit, window);
    }

    /** New limit and window length; starts a fresh, full window. */
    synchronized void reconfigure(int newLimit, Duration window) {
        if (newLimit < 0 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("limit must be >= 0 and window positive");
        }
        limit = newLimit;
        windowNanos = window.toNanos();
        windowStart = nanoClock.getAsLong();
        used = 0;
    }

    synchronized Decision tryConsume(int cost) {
        long now = roll();
        boolean fits = used + cost <= limit;
        if (fits) {
            used += cost;
        }
        return decision(fits, now);
    }

    /** The current state without spending anything (for responses that never reached the budget, like a 401). */
    synchronized Decision peek() {
        return decision(true, roll());
    }

    synchronized int limit() {
        return limit;
    }

    synchronized Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    private long roll() {
        long now = nanoClock.getAsLong();
        long elapsed = now - windowStart;
        if (elapsed >= windowNanos) {
            // Stay aligned to the original boundaries, as a per-minute counter would.
            windowStart = now - elapsed % windowNanos;
            used = 0;
        }
        return now;
    }

    private Decision decision(boolean allowed, long now) {
        long remainingNanos = windowStart + windowNanos - now;
        long retryAfter = Math.max(1, (remainingNanos + 999_999_999L) / 1_000_000_000L);
        return new Decision(allowed, limit, limit - used, retryAfter);
    }
}
