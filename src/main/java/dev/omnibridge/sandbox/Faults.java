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
    private long failRetryAfter;
    private Duration delay = Duration.ZERO;
    private int slowWrites;
    private int failWrites;
    private int failWritesStatus = 500;
    private Duration slowWriteDelay = Duration.ZERO;
    private int lateAnswers;
    private Duration lateAnswerDelay = Duration.ZERO;

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
        this.failRetryAfter = 0;
        return this;
    }

    /**
     * The next {@code n} API calls answer 429 with {@code retry_after: seconds} and {@code api_calls_left: 0}, as an
     * account whose minute another client spent would.
     */
    public synchronized Faults throttleNext(int n, long seconds) {
        failNext(n, 429);
        this.failRetryAfter = seconds;
        return this;
    }

    /** The retry_after of an injected 429 (0: the budget's own). */
    synchronized long failRetryAfter() {
        return failRetryAfter;
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

    /**
     * The next {@code n} writes (POST, PUT, DELETE) are handled only after {@code storeAfter}: the caller may give up
     * waiting first, and the write is stored all the same, the way a slow Omnidesk stores it at the end of the request.
     */
    public synchronized Faults slowWrites(int n, Duration storeAfter) {
        Objects.requireNonNull(storeAfter, "storeAfter");
        if (n < 0 || storeAfter.isNegative()) {
            throw new IllegalArgumentException("n and storeAfter must not be negative");
        }
        this.slowWrites = n;
        this.slowWriteDelay = storeAfter;
        return this;
    }

    /** The next {@code n} writes (POST, PUT, DELETE) answer {@code status} and change nothing; reads are served. */
    public synchronized Faults failNextWrites(int n, int status) {
        if (n < 0 || status < 100 || status > 599) {
            throw new IllegalArgumentException("n must be >= 0 and status an HTTP status");
        }
        this.failWrites = n;
        this.failWritesStatus = status;
        return this;
    }

    public synchronized int pendingWriteFailures() {
        return failWrites;
    }

    /** Consumes one pending write failure, if any, and tells which status to answer. */
    synchronized OptionalInt takeWriteFailure() {
        if (failWrites == 0) {
            return OptionalInt.empty();
        }
        failWrites--;
        return OptionalInt.of(failWritesStatus);
    }

    public synchronized int pendingSlowWrites() {
        return slowWrites;
    }

    public synchronized Duration slowWriteDelay() {
        return slowWriteDelay;
    }

    /**
     * The next {@code n} writes are stored at once and answered only after {@code answerAfter}: what a caller sees when
     * Omnidesk took a write and the answer is lost or late on its way back (the caller may time out, or die waiting).
     */
    public synchronized Faults lateAnswers(int n, Duration answerAfter) {
        Objects.requireNonNull(answerAfter, "answerAfter");
        if (n < 0 || answerAfter.isNegative()) {
            throw new IllegalArgumentException("n and answerAfter must not be negative");
        }
        this.lateAnswers = n;
        this.lateAnswerDelay = answerAfter;
        return this;
    }

    /** Consumes one pending late answer, if any, and tells how long the answer waits. */
    synchronized Duration takeLateAnswer() {
        if (lateAnswers == 0) {
            return Duration.ZERO;
        }
        lateAnswers--;
        return lateAnswerDelay;
    }

    /** Consumes one pending slow write, if any, and tells how long it waits. */
    synchronized Duration takeSlowWrite() {
        if (slowWrites == 0) {
            return Duration.ZERO;
        }
        slowWrites--;
        return slowWriteDelay;
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
        failRetryAfter = 0;
        delay = Duration.ZERO;
        slowWrites = 0;
        slowWriteDelay = Duration.ZERO;
        lateAnswers = 0;
        lateAnswerDelay = Duration.ZERO;
        failWrites = 0;
        failWritesStatus = 500;
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
