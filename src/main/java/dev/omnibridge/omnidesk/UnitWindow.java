package dev.omnibridge.omnidesk;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How {@link OmnideskBudget} counts the units spent against the account's limit. Times are monotonic milliseconds.
 * Each window has an id, so that an answer to a call made in an earlier window does not count against this one.
 */
interface UnitWindow {

    /** Units counted as spent now. */
    int used(long now);

    /** The id of the window a call spending now counts in. */
    long id(long now);

    void spend(long now, int units);

    /** Milliseconds until {@code units} more fit under {@code limit} (0: now). */
    long untilRoomFor(int units, int limit, long now);

    /** Omnidesk's own count for the window the call was made in: at least this much is spent. */
    void serverUsed(long now, long windowId, int units);

    /** Omnidesk answered 429: nothing is left until {@code until}, and a new minute starts then. */
    void exhaustedUntil(long until, int limit);

    /** The slowest recent round trip of a call, in milliseconds (decaying). */
    default void callTook(long millis) {
    }

    /** Never less than this between a minute's length and its end. */
    long MIN_MARGIN_MS = 20;

    /**
     * Omnidesk's way: a fixed minute that holds {@code limit} units. The bridge cannot see where Omnidesk's minute
     * starts, so its own starts with the first call after the previous one ended: each of its minutes then overlaps
     * exactly one of Omnidesk's, and the whole limit is spent every minute under a backlog, whatever the phase. After
     * a 429 the minute ends when {@code retry_after} says.
     */
    final class Minute implements UnitWindow {

        private final long lengthMs;
        private final long maxMarginMs;
        private long marginMs;
        private long endsAt = Long.MIN_VALUE; // MIN_VALUE: no minute running; the next call starts one
        private long id;
        private int used;

        Minute(long lengthMs, long maxMarginMs) {
            this.lengthMs = lengthMs;
            this.maxMarginMs = maxMarginMs;
            this.marginMs = maxMarginMs;
        }

        /**
         * The slowest recent call: a call is counted by Omnidesk when it arrives, at most this long after it left, so
         * a minute ends that much later than its length (never more than the margin given at construction).
         */
        @Override
        public void callTook(long millis) {
            marginMs = Math.min(maxMarginMs, Math.max(MIN_MARGIN_MS, millis + MIN_MARGIN_MS));
        }

        private void roll(long now) {
            if (endsAt != Long.MIN_VALUE && now >= endsAt) {
                endsAt = Long.MIN_VALUE;
                used = 0;
                id++;
            }
        }

        @Override
        public int used(long now) {
            roll(now);
            return used;
        }

        @Override
        public long id(long now) {
            roll(now);
            return id;
        }

        @Override
        public void spend(long now, int units) {
            roll(now);
            if (endsAt == Long.MIN_VALUE) {
                // The margin covers the call's way to Omnidesk: it is counted there a little after it leaves here.
                endsAt = now + lengthMs + marginMs;
            }
            used += units;
        }

        @Override
        public long untilRoomFor(int units, int limit, long now) {
            roll(now);
            return used + units <= limit ? 0 : endsAt - now;
        }

        @Override
        public void serverUsed(long now, long windowId, int units) {
            roll(now);
            if (windowId == id && units > used) {
                used = units; // other clients of the account spent part of this minute
            }
        }

        @Override
        public void exhaustedUntil(long until, int limit) {
            if (endsAt == Long.MIN_VALUE || endsAt < until) {
                id++;
            }
            endsAt = until;
            used = limit;
        }
    }

    /**
     * At most {@code limit} units in any window of the given length: safe against any counting, but it waits for
     * each unit to leave the window, so it uses a little less of a fixed minute (omnidesk.rate-window=sliding).
     */
    final class Sliding implements UnitWindow {

        private final long lengthMs;
        private final long marginMs;
        private final Deque<long[]> spent = new ArrayDeque<>(); // {timestamp, units}
        /** Sum of the units in {@link #spent}, kept up to date so that a call costs O(1). */
        private int spentUnits;
        private long blockedUntil;
        private int blockedUnits;

        Sliding(long lengthMs, long marginMs) {
            this.lengthMs = lengthMs;
            this.marginMs = marginMs;
        }

        private void expire(long now) {
            while (!spent.isEmpty() && spent.peekFirst()[0] <= now - lengthMs - marginMs) {
                spentUnits -= (int) spent.removeFirst()[1];
            }
            if (blockedUntil != 0 && now >= blockedUntil) {
                // Omnidesk's minute ended where retry_after said: what was spent before it counts no more.
                spent.clear();
                spentUnits = 0;
                blockedUntil = 0;
                blockedUnits = 0;
            }
        }

        @Override
        public int used(long now) {
            expire(now);
            return spentUnits + blockedUnits;
        }

        @Override
        public long id(long now) {
            return 0;
        }

        @Override
        public void spend(long now, int units) {
            expire(now);
            spent.addLast(new long[] {now, units});
            spentUnits += units;
        }

        @Override
        public long untilRoomFor(int units, int limit, long now) {
            int used = used(now);
            if (used + units <= limit) {
                return 0;
            }
            if (blockedUntil != 0) {
                return blockedUntil - now;
            }
            for (long[] entry : spent) {
                used -= (int) entry[1];
                if (used + units <= limit) {
                    return entry[0] + lengthMs + marginMs - now + 1;
                }
            }
            return 1;
        }

        @Override
        public void serverUsed(long now, long windowId, int units) {
            int used = used(now);
            if (units > used) {
                spend(now, units - used); // someone else spent part of the account's budget: counted as spent now
            }
        }

        @Override
        public void exhaustedUntil(long until, int limit) {
            blockedUntil = Math.max(blockedUntil, until);
            blockedUnits = limit;
        }
    }
}
