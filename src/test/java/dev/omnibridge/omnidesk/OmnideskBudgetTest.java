package dev.omnibridge.omnidesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class OmnideskBudgetTest {

    @Test
    void theMinuteNeverHoldsMoreThanTheLimitUnderContention() throws Exception {
        OmnideskBudget budget = new OmnideskBudget();
        budget.setRequestsPerMinute(10);
        budget.setWindowSeconds(1);
        List<long[]> grants = contend(budget);
        assertThat(grants).hasSize(24);
        Map<Long, List<long[]>> byWindow = new java.util.TreeMap<>();
        grants.forEach(g -> byWindow.computeIfAbsent(g[2], w -> new ArrayList<>()).add(g));
        // 36 units at 10 a minute: four minutes at least (five or six when lower priorities leave their reserve
        // unspent), each within its length and holding at most the limit
        assertThat(byWindow.size()).isBetween(4, 6);
        for (List<long[]> inWindow : byWindow.values()) {
            assertThat(inWindow.stream().mapToLong(g -> g[1]).sum()).isLessThanOrEqualTo(10);
            long first = inWindow.stream().mapToLong(g -> g[0]).min().orElseThrow();
            long last = inWindow.stream().mapToLong(g -> g[0]).max().orElseThrow();
            assertThat(last - first).isLessThan(1000 + 250); // the length, and at most the margin after it
        }
    }

    @Test
    void after429TheNextCallWaitsRetryAfterNotAMinute() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        OmnideskBudget budget = onClock(clock, 20);
        budget.acquire(2, 0);
        budget.observe(429, 20, 0, 4);

        assertThat(budget.pausedForMillis()).isEqualTo(4000 + OmnideskBudget.RETRY_MARGIN_MS);
        assertThat(budget.left()).isZero();
        clock.addAndGet(4000 + OmnideskBudget.RETRY_MARGIN_MS);
        // Omnidesk's new minute has begun: the whole limit is there, at once.
        assertThat(budget.left()).isEqualTo(20);
        budget.acquire(2, 0);
        assertThat(budget.left()).isEqualTo(18);
    }

    @Test
    void withoutASharedStoreAReplicaSpendsItsPartitionsShareOfTheMinute() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        OmnideskBudget budget = onClock(clock, 60);
        budget.setPartitionShare(4, 12);   // a third of the partitions: a third of the minute

        assertThat(budget.left()).isEqualTo(20);
        for (int i = 0; i < 10; i++) {
            budget.acquire(2, 0);
        }
        assertThat(budget.left()).isZero();
        // Omnidesk says 30 of the account's 60 are spent (by every replica): this one's share of that is 10
        budget.observe(200, 60, 30, 0);
        assertThat(budget.left()).isZero();

        // the next minute, after a rebalance gave this replica half of the partitions
        clock.addAndGet(61_000);
        budget.setPartitionShare(6, 12);
        assertThat(budget.left()).isEqualTo(30);
        // a replica without partitions keeps one write's worth, for an admin replay
        budget.setPartitionShare(0, 12);
        assertThat(budget.left()).isEqualTo(2);
    }

    @Test
    void anAnswerFromTheLastMinuteDoesNotSpendThisOne() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        OmnideskBudget budget = onClock(clock, 20);
        long before = budget.acquire(2, 0);
        clock.addAndGet(61_000);
        budget.acquire(1, 0);
        // the first call's answer arrives late and says the old minute was spent
        budget.observe(200, 20, 0, 0, before);
        assertThat(budget.left()).isEqualTo(19);
    }

    @Test
    void aSlidingWindowNeverSpendsMoreThanTheLimitInAnyWindowUnderContention() throws Exception {
        OmnideskBudget budget = new OmnideskBudget();
        budget.setWindow("sliding");
        budget.setRequestsPerMinute(10);
        budget.setWindowSeconds(1);
        List<long[]> grants = contend(budget);
        assertThat(grants).hasSize(24);
        assertThat(maxInWindow(grants, 1000)).isLessThanOrEqualTo(10);
    }

    /** Six threads of mixed costs and priorities, four calls each: every grant as {millis, cost, window id}. */
    private static List<long[]> contend(OmnideskBudget budget) throws InterruptedException {
        return contend(6, t -> budget, t -> t % 2 == 0 ? 1 : 2, 30);
    }

    /**
     * {@code threads} callers, thread t on {@code budgetOf(t)} with cost {@code costOf(t)} and priority t % 3, take 4
     * grants each; returns every grant as {millis, cost, window id}. Shared with SharedBudgetRedisTest (two replicas).
     */
    static List<long[]> contend(int threads, IntFunction<OmnideskBudget> budgetOf, IntUnaryOperator costOf,
            int seconds) throws InterruptedException {
        List<long[]> grants = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            OmnideskBudget budget = budgetOf.apply(t);
            int cost = costOf.applyAsInt(t);
            int priority = t % 3;
            pool.submit(() -> {
                try {
                    for (int i = 0; i < 4; i++) {
                        long window = budget.acquire(cost, priority);
                        grants.add(new long[] {System.nanoTime() / 1_000_000, cost, window});
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(seconds, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow();
        return new ArrayList<>(grants);
    }

    @Test
    void customerVisibleCallsGoFirstWhenTheBudgetIsScarce() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000); // frozen until the test moves it: no minute ends by accident
        OmnideskBudget budget = onClock(clock, 4);
        budget.setWindowSeconds(1);
        budget.acquire(2, 0);
        budget.acquire(2, 0); // the window is spent
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Thread kb = new Thread(() -> acquire(budget, 1, 2, "kb", order));
        kb.start();
        awaitWaiting(budget, 1);
        Thread reply = new Thread(() -> acquire(budget, 2, 0, "reply", order));
        reply.start();
        awaitWaiting(budget, 2);
        clock.addAndGet(2_000); // the next minute
        kb.join(10_000);
        reply.join(10_000);
        assertThat(order).containsExactly("reply", "kb");
    }

    @Test
    void bothVariantsShareThePrioritiesRelaysRankWithRepliesAndMirroringComesLast() {
        int reply = OmnideskBudget.priorityOf("reply");
        assertThat(OmnideskBudget.priorityOf("customer-message")).isEqualTo(reply);
        assertThat(OmnideskBudget.priorityOf("create-case")).isEqualTo(reply);
        assertThat(OmnideskBudget.priorityOf("find-chat-case")).isEqualTo(reply);
        int kb = OmnideskBudget.priorityOf("kb-search");
        for (String mirroring : List.of("mirror-case", "mirror-message", "mirror-note")) {
            assertThat(OmnideskBudget.priorityOf(mirroring)).isGreaterThan(kb);
        }
    }

    @Test
    void aSmallerCallOfTheSamePriorityTakesWhatAWaitingWriteCannot() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        OmnideskBudget budget = onClock(clock, 4);
        budget.acquire(2, 0);
        budget.acquire(1, 0); // 3 of 4 spent: a write does not fit, a read does
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Thread write = new Thread(() -> acquire(budget, 2, 0, "write", order));
        write.start();
        awaitWaiting(budget, 1);
        Thread read = new Thread(() -> acquire(budget, 1, 0, "read", order));
        read.start();
        read.join(10_000);
        assertThat(order).containsExactly("read");
        assertThat(budget.left()).isZero();
        assertThat(write.isAlive()).isTrue();
        clock.addAndGet(61_000); // the next minute: the write goes
        write.join(10_000);
        assertThat(order).containsExactly("read", "write");
    }

    @Test
    void a429PausesEveryCallerForRetryAfter() throws Exception {
        OmnideskBudget budget = new OmnideskBudget();
        budget.setRequestsPerMinute(100);
        budget.setMaxRetryAfterSeconds(30);
        budget.observe(429, null, null, 20);
        assertThat(budget.pausedForMillis()).isBetween(15_000L, 20_000L + OmnideskBudget.RETRY_MARGIN_MS);
        Thread caller = new Thread(() -> acquire(budget, 1, 0, "call", new ArrayList<>()));
        caller.start();
        awaitWaiting(budget, 1);
        assertThat(caller.isAlive()).isTrue();
        caller.interrupt();
        caller.join(5_000);
        // retry_after is capped: a huge value cannot stall the bridge for hours.
        budget.observe(429, null, null, 86_400);
        assertThat(budget.pausedForMillis()).isLessThanOrEqualTo(30_000L + OmnideskBudget.RETRY_MARGIN_MS);
    }

    @Test
    void omnideskHeadersCorrectTheLimitAndWhatIsLeft() {
        OmnideskBudget budget = new OmnideskBudget();
        budget.setRequestsPerMinute(100);
        budget.observe(200, 30, 10, 0);
        assertThat(budget.limit()).isEqualTo(30);
        assertThat(budget.left()).isEqualTo(10); // other staff keys spent the rest of the account's minute
    }

    @Test
    void writesCostTwice() {
        assertThat(OmnideskBudget.costOf("GET")).isEqualTo(1);
        assertThat(OmnideskBudget.costOf("POST")).isEqualTo(2);
        assertThat(OmnideskBudget.costOf("PUT")).isEqualTo(2);
        assertThat(RateHeaders.retryAfter(Map.of("Retry-After", "7")::get)).isEqualTo(7);
        assertThat(RateHeaders.retryAfter(Map.of("retry_after", "3", "Retry-After", "7")::get)).isEqualTo(3);
        assertThat(RateHeaders.retryAfter(Map.of("retry_after", "soon")::get)).isEqualTo(1);
    }

    /** A budget of {@code limit} units a minute on a clock the test moves (frozen until then). */
    private static OmnideskBudget onClock(AtomicLong clock, int limit) {
        OmnideskBudget budget = new OmnideskBudget();
        budget.setClock(clock::get);
        budget.setRequestsPerMinute(limit);
        return budget;
    }

    private static void acquire(OmnideskBudget budget, int cost, int priority, String name, List<String> order) {
        try {
            budget.acquire(cost, priority);
            order.add(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitWaiting(OmnideskBudget budget, int waiters) {
        org.awaitility.Awaitility.await().until(() -> budget.waitingCount() >= waiters);
    }

    private static int maxInWindow(List<long[]> grants, long windowMs) {
        int max = 0;
        for (long[] start : grants) {
            int sum = 0;
            for (long[] g : grants) {
                if (g[0] >= start[0] && g[0] < start[0] + windowMs) {
                    sum += (int) g[1];
                }
            }
            max = Math.max(max, sum);
        }
        return max;
    }
}
