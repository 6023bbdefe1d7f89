package dev.omnibridge.bench;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/** The two load shapes: open loop at a fixed rate (latency) and closed loop with N connections (maximum rate). */
final class Load {

    private Load() {}

    /** Registers a case just before its webhook leaves (for end-to-end tracking). */
    interface SentHook {
        void sent(long caseId, long nanoTime);

        SentHook NONE = (c, t) -> { };
    }

    static final class Outcome {
        final Latency latency = new Latency();
        final LongAdder ok = new LongAdder();
        final LongAdder rejected = new LongAdder(); // answered, but not 200 (503 busy, 4xx...)
        final LongAdder failed = new LongAdder();   // I/O error or timeout
        long sent;
        long unanswered;
        double seconds;

        double okPerSecond() {
            return ok.sum() / seconds;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "sent=%d ok=%d rejected=%d failed=%d unanswered=%d in %.1fs; p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms",
                    sent, ok.sum(), rejected.sum(), failed.sum(), unanswered, seconds, latency.ms(50), latency.ms(99),
                    latency.ms(99.9), latency.maxMs());
        }
    }

    /**
     * Open loop: webhook i leaves at start + i/rate whatever happened to the earlier ones, and its latency is measured
     * from that intended moment (no coordinated omission: a stall counts against every call it delayed).
     */
    static Outcome openLoop(WebhookClient client, double rate, double seconds, LongSupplier cases, SentHook hook)
            throws InterruptedException {
        Outcome outcome = new Outcome();
        long n = Math.max(1, Math.round(rate * seconds));
        long interval = (long) (1e9 / rate);
        CountDownLatch answered = new CountDownLatch((int) n);
        long start = System.nanoTime() + 2_000_000;
        for (long i = 0; i < n; i++) {
            long due = start + i * interval;
            sleepUntil(due);
            long caseId = cases.getAsLong();
            hook.sent(caseId, System.nanoTime());
            client.send(caseId, (status, end) -> {
                outcome.latency.recordNanos(end - due);
                count(outcome, status);
                answered.countDown();
            });
        }
        outcome.sent = n;
        outcome.seconds = n / rate;
        answered.await(30, TimeUnit.SECONDS);
        outcome.unanswered = answered.getCount();
        return outcome;
    }

    /**
     * Closed loop: {@code connections} senders, each sending its next webhook as soon as the previous one is
     * answered, for {@code seconds}. The rate of 200s is the maximum acknowledged rate at that concurrency.
     */
    static Outcome closedLoop(Vertx vertx, WebhookClient client, int connections, double seconds, LongSupplier cases)
            throws InterruptedException {
        Outcome outcome = new Outcome();
        LongAdder sent = new LongAdder();
        long begin = System.nanoTime();
        long end = begin + (long) (seconds * 1e9);
        CountDownLatch finished = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            new Object() {
                void next() {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        finished.countDown();
                        return;
                    }
                    sent.increment();
                    client.send(cases.getAsLong(), (status, t1) -> {
                        if (t1 <= end) {
                            outcome.latency.recordNanos(t1 - t0);
                            count(outcome, status);
                        }
                        if (status == -1) {
                            vertx.setTimer(10, id -> next()); // no tight loop on a refused connection
                        } else {
                            next();
                        }
                    });
                }
            }.next();
        }
        finished.await((long) seconds + 30, TimeUnit.SECONDS);
        outcome.sent = sent.sum();
        outcome.unanswered = finished.getCount();
        outcome.seconds = seconds;
        return outcome;
    }

    private static void count(Outcome outcome, int status) {
        if (status == 200) {
            outcome.ok.increment();
        } else if (status > 0) {
            outcome.rejected.increment();
        } else {
            outcome.failed.increment();
        }
    }

    static void sleepUntil(long due) {
        long d;
        while ((d = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(d);
        }
    }
}
