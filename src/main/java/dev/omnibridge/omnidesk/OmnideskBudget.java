package dev.omnibridge.omnidesk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API budget for the whole Omnidesk account: at most {@code limit} units in any 60-second window, GET costing 1
 * and writes 2, as Omnidesk counts them.
 *
 * <p>A sliding window rather than a token bucket: Omnidesk counts per fixed minute, and a bucket that refills
 * continuously can spend almost twice the limit across a minute boundary. Omnidesk's own headers correct the view
 * (other clients of the account spend the same budget), and a 429 pauses every caller until {@code retry_after}.
 *
 * <p>When calls queue up, the customer-visible ones go first: replies and handoffs, then case reads and notes, then
 * knowledge-base searches; lower priorities also leave a reserve of the window to the higher ones.
 */
public class OmnideskBudget {

    private static final Logger LOG = LoggerFactory.getLogger(OmnideskBudget.class);

    /** Operation → priority (0 = first). Unknown operations get the middle. */
    private static final Map<String, Integer> PRIORITIES = Map.of(
            "reply", 0, "handoff", 0, "get-case", 1, "list-messages", 1, "note", 1, "kb-search", 2);
    /** Share of the window each priority must leave to the ones above it. */
    private static final double[] RESERVE = {0.0, 0.1, 0.25};

    private final Deque<long[]> spent = new ArrayDeque<>(); // {timestamp, units}
    /** Sum of the units in {@link #spent}, kept up to date so that a call costs O(1), not O(calls in the window). */
    private int spentUnits;
    private final PriorityQueue<long[]> waiting = new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1])); // {priority, ticket}
    private final AtomicLong tickets = new AtomicLong();
    private long windowMs = 60_000;
    private int limit = 60;
    private boolean limitFromServer;
    private long pausedUntil;
    private long maxPauseMs = 120_000;
    private int lastServerLeft = -1;
    private final AtomicLong throttled = new AtomicLong();

    public void setRequestsPerMinute(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("omnidesk.requests-per-minute must be at least 2");
        }
        this.limit = limit;
    }

    /** Omnidesk counts per minute; another window is only useful against a test double. */
    public void setWindowSeconds(long seconds) {
        this.windowMs = seconds * 1000;
    }

    public void setMaxRetryAfterSeconds(long seconds) {
        this.maxPauseMs = seconds * 1000;
    }

    /** Blocks until the call in the exchange fits the budget. */
    public void acquire(Exchange exchange) throws InterruptedException {
        OmnideskRequest request = exchange.getProperty(OmnideskRequests.REQUEST, OmnideskRequest.class);
        String method = request == null ? "GET" : request.method();
        String operation = exchange.getProperty(OmnideskRequests.OPERATION, "", String.class);
        acquire(costOf(method), PRIORITIES.getOrDefault(operation, 1));
    }

    synchronized void acquire(int cost, int priority) throws InterruptedException {
        long[] ticket = {priority, tickets.incrementAndGet()};
        waiting.add(ticket);
        try {
            while (true) {
                long now = now();
                expire(now);
                long wait = pausedUntil - now;
                if (wait <= 0 && waiting.peek() == ticket) {
                    int reserve = (int) Math.ceil(limit * RESERVE[Math.min(priority, RESERVE.length - 1)]);
                    if (used() + cost + reserve <= limit) {
                        spend(now, cost);
                        return;
                    }
                    wait = untilRoomFor(cost + reserve, now);
                    throttled.incrementAndGet();
                }
                wait(Math.max(1, wait <= 0 ? 50 : Math.min(wait, 1000)));
            }
        } finally {
            waiting.remove(ticket);
            notifyAll();
        }
    }

    /** Reads Omnidesk's rate headers ({@code rate_limit_per_minute}, {@code api_calls_left}) and 429s. */
    public void observe(Exchange exchange) {
        var message = exchange.getMessage();
        observe(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                message.getHeader("rate_limit_per_minute", String.class),
                message.getHeader("api_calls_left", String.class),
                retryAfter(message.getHeader("retry_after", String.class), message.getHeader("Retry-After", String.class)));
    }

    synchronized void observe(int status, String limitHeader, String leftHeader, long retryAfterSeconds) {
        long now = now();
        Integer serverLimit = number(limitHeader);
        if (serverLimit != null && serverLimit >= 2 && serverLimit != limit) {
            LOG.info("Omnidesk reports a limit of {} requests per minute (configured {}); using Omnidesk's",
                    serverLimit, limit);
            limit = serverLimit;
            limitFromServer = true;
        }
        Integer left = number(leftHeader);
        if (left != null) {
            lastServerLeft = left;
            expire(now);
            int serverUsed = limit - left;
            if (serverUsed > used()) {
                // Someone else spent part of the account's budget: count it as spent now.
                spend(now, serverUsed - used());
            }
        }
        if (status == 429) {
            long pause = Math.min(maxPauseMs, Math.max(1, retryAfterSeconds) * 1000);
            pausedUntil = Math.max(pausedUntil, now + pause);
            LOG.warn("Omnidesk answered 429: pausing all calls for {} s", pause / 1000);
        }
        notifyAll();
    }

    /** Units left in the current window, as the bridge sees it. */
    public synchronized int left() {
        expire(now());
        return Math.max(0, limit - used());
    }

    public synchronized int limit() {
        return limit;
    }

    /** Calls waiting for the budget right now (queue depth). */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    /** How many times a call had to wait for the budget. */
    public long throttledCount() {
        return throttled.get();
    }

    public boolean isLimitFromServer() {
        return limitFromServer;
    }

    public int lastServerLeft() {
        return lastServerLeft;
    }

    /** A monotonic clock: the wall clock may be stepped while the bridge runs. */
    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    /** Milliseconds until a 429 pause ends (0 when not paused). */
    public synchronized long pausedForMillis() {
        return Math.max(0, pausedUntil - now());
    }

    static int costOf(String method) {
        return "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method) ? 1 : 2;
    }

    static long retryAfter(String omnidesk, String standard) {
        Integer seconds = number(omnidesk);
        if (seconds == null) {
            seconds = number(standard);
        }
        return seconds == null ? 1 : seconds;
    }

    private int used() {
        return spentUnits;
    }

    private void spend(long now, int units) {
        spent.addLast(new long[] {now, units});
        spentUnits += units;
    }

    /**
     * A unit leaves the window a little after the window's length: the call was counted when it left the bridge,
     * Omnidesk counts it when it arrives, and the two clocks are apart by the call's latency.
     */
    private long windowWithMargin() {
        return windowMs + Math.max(250, windowMs / 50);
    }

    private void expire(long now) {
        while (!spent.isEmpty() && spent.peekFirst()[0] <= now - windowWithMargin()) {
            spentUnits -= (int) spent.removeFirst()[1];
        }
    }

    /** Milliseconds until enough old entries leave the window to make room for {@code units}. */
    private long untilRoomFor(int units, long now) {
        int used = used();
        for (long[] entry : spent) {
            used -= (int) entry[1];
            if (used + units <= limit) {
                return entry[0] + windowWithMargin() - now + 1;
            }
        }
        return 1;
    }

    private static Integer number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
