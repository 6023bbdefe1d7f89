package dev.omnibridge.omnidesk;

/**
 * Where {@link OmnideskBudget} keeps its window accounting: the units spent in Omnidesk's current minute, the pause
 * after a 429, the limit Omnidesk reported and what other clients spent. {@link Local} keeps it in this process
 * ({@code budget.store=local}); {@link RedisBudgetWindow} in Redis, shared by every replica ({@code budget.store=redis}).
 * The budget's queue and priorities stay in each process; it only asks here whether a call fits, and tells what
 * Omnidesk answered. Called under the budget's lock. Times are the budget's monotonic milliseconds (a shared store
 * uses its own clock and converts).
 */
interface BudgetWindow extends AutoCloseable {

    /**
     * The outcome of one try: spent in window {@code windowId}, or not spent and {@code waitMs} to wait; {@code limit}
     * is the account's limit as the store knows it (Omnidesk's, once any replica saw its header).
     */
    record Attempt(long windowId, long waitMs, int limit) {
        boolean granted() {
            return waitMs <= 0;
        }
    }

    /**
     * In one step: when {@code units + reserve} fit under {@code limit} now, spends {@code units}; otherwise says how
     * long to wait.
     *
     * @throws StoreUnavailableException when the store cannot be consulted (nothing was spent)
     */
    Attempt trySpend(long now, int units, int reserve, int limit);

    /** Milliseconds until {@code units} more fit (0: now), as last seen: no round trip to a store. */
    long untilRoomFor(long now, int units, int limit);

    /** Units counted as spent now, as last seen. */
    int used(long now);

    /** The id of the current window, as last seen. */
    long id(long now);

    /** Omnidesk's own count for the window the call was made in ({@code limit - api_calls_left}). */
    void serverUsed(long now, long windowId, int units, int limit);

    /** Omnidesk answered 429: nothing is left until {@code until}, and a new minute starts then. */
    void exhaustedUntil(long now, long until, int limit);

    /** Omnidesk's rate_limit_per_minute header: the limit for every replica. */
    default void serverLimit(long now, int limit) {
    }

    /** Until when no call may go out, as last seen from the store (another replica's 429); MIN_VALUE: no pause. */
    default long pausedUntil(long now) {
        return Long.MIN_VALUE;
    }

    /** The slowest recent round trip of a call, in milliseconds (decaying). */
    default void callTook(long millis) {
    }

    @Override
    default void close() {
    }

    /** The shared store cannot be consulted right now: no call may go out (fail closed). */
    final class StoreUnavailableException extends RuntimeException {
        StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Today's accounting, in this process: a {@link UnitWindow}. */
    final class Local implements BudgetWindow {

        private final UnitWindow window;

        Local(UnitWindow window) {
            this.window = window;
        }

        @Override
        public Attempt trySpend(long now, int units, int reserve, int limit) {
            long wait = window.untilRoomFor(units + reserve, limit, now);
            if (wait > 0) {
                return new Attempt(-1, wait, limit);
            }
            long id = window.id(now);
            window.spend(now, units);
            return new Attempt(id, 0, limit);
        }

        @Override
        public long untilRoomFor(long now, int units, int limit) {
            return window.untilRoomFor(units, limit, now);
        }

        @Override
        public int used(long now) {
            return window.used(now);
        }

        @Override
        public long id(long now) {
            return window.id(now);
        }

        @Override
        public void serverUsed(long now, long windowId, int units, int limit) {
            window.serverUsed(now, windowId, units);
        }

        @Override
        public void exhaustedUntil(long now, long until, int limit) {
            window.exhaustedUntil(until, limit);
        }

        @Override
        public void callTook(long millis) {
            window.callTook(millis);
        }
    }
}
