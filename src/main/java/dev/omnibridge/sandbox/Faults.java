package dev.omnibridge.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Switches that make the sandbox's {@code /api} misbehave on purpose, so the bridge's retry, backoff and
 * budgeting can be exercised. Thread-safe; every setter returns {@code this}.
 */
public final class Faults {

    private final RateBudget budget;
    private final int defaultLimit;
    private final Duration defaultWindow;
    private int failNext;
    private int failStatus = 500;
    private Duration delay = Duration.ZERO;

    Faults(RateBudget budget, int defaultLimit, Duration defaultWindow) {
        this.budget = budget;
        this.defaultLimit = defaultLimit;
        this.defaultWindow = defaultWindow;
    }

    /** The next {@code n} API calls answer {@code status} with {@code {"error":"sandbox_fault"}} and change nothing. */
    public synchronized Faults failNext(int n, int status) {
        if (n < 0 || status < 100 || status > 599) {
            throw new IllegalArgumentException("n must be >= 0 and status an HTTP status");
        }
        this.failNext = n;
        this.failStatus = status;
        return this;
    }

    /** Every API call waits this long before it is handled (zero switches it off). */
    public synchronized Faults delay(Duration value) {
        Objects.requireNonNull(value, "delay");
        if (value.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        this.delay = value;
        return this;
    }

    /** Replaces the account's budget, e.g. a Basic plan's 20 per minute; starts a fresh, full window. */
    public Faults rateLimit(int perWindow, Duration window) {
        budget.reconfigure(perWindow, window);
        return this;
    }

    /** Back to a well-behaved sandbox with the budget it started with. */
    public synchronized Faults reset() {
        failNext = 0;
        failStatus = 500;
        delay = Duration.ZERO;
        budget.reconfigure(defaultLimit, defaultWindow);
        return this;
    }

    public synchronized int pendingFailures() {
        return failNext;
    }

    public synchronized int failStatus() {
        return failStatus;
    }

    public synchronized Duration delay() {
        return delay;
    }

    public int rateLimitPerWindow() {
        return budget.limit();
    }

    public Duration rateWindow() {
        return budget.window();
    }

    /** Consumes one pending failure, if any, and tells which status to answer. */
    synchronized OptionalInt takeFailure() {
        if (failNext == 0) {
            return OptionalInt.empty();
        }
        failNext--;
        return OptionalInt.of(failStatus);
    }
}
