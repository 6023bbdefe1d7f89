package dev.omnibridge.omnidesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** budget.store=redis: two budgets ("replicas") on one real redis-server spend one Omnidesk budget. */
class SharedBudgetRedisTest {

    private RedisProcess redis;
    private final List<OmnideskBudget> budgets = new ArrayList<>();
    private final String account = "acme-" + System.nanoTime() + ".omnidesk.ru";

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterEach
    void stop() throws Exception {
        budgets.forEach(OmnideskBudget::close);
        if (redis != null) {
            redis.close();
        }
    }

    private OmnideskBudget replica(int limit, int windowSeconds) {
        OmnideskBudget budget = new OmnideskBudget();
        budget.setStore("redis");
        budget.setRedisUrl(redis.url());
        budget.setAccount("https://" + account);
        budget.setRequestsPerMinute(limit);
        budget.setWindowSeconds(windowSeconds);
        budget.init();
        budgets.add(budget);
        return budget;
    }

    @Test
    void twoReplicasNeverSpendMoreThanTheLimitInAnyWindowTogether() throws Exception {
        OmnideskBudget a = replica(10, 1);
        OmnideskBudget b = replica(10, 1);
        List<long[]> grants = OmnideskBudgetTest.contend(8, t -> t % 2 == 0 ? a : b, t -> t % 4 < 2 ? 1 : 2, 40);
        assertThat(grants).hasSize(32);
        Map<Long, List<long[]>> byWindow = new TreeMap<>();
        grants.forEach(g -> byWindow.computeIfAbsent(g[2], w -> new ArrayList<>()).add(g));
        // 48 units at 10 a window: five windows at least, each holding at most the limit for both replicas together
        assertThat(byWindow.size()).isBetween(5, 9);
        for (List<long[]> inWindow : byWindow.values()) {
            assertThat(inWindow.stream().mapToLong(g -> g[1]).sum()).isLessThanOrEqualTo(10);
            long first = inWindow.stream().mapToLong(g -> g[0]).min().orElseThrow();
            long last = inWindow.stream().mapToLong(g -> g[0]).max().orElseThrow();
            assertThat(last - first).isLessThan(1000 + 250);
        }
        assertThat(a.throttledCount() + b.throttledCount()).isPositive();
    }

    @Test
    void a429SeenByOneReplicaPausesTheOther() throws Exception {
        OmnideskBudget a = replica(100, 60);
        OmnideskBudget b = replica(100, 60);
        long window = b.acquire(1, 0);
        a.observe(429, null, null, 2);
        long started = System.nanoTime();
        long after = b.acquire(1, 0);
        long waited = (System.nanoTime() - started) / 1_000_000;
        assertThat(waited).isBetween(1_500L, 2_000L + OmnideskBudget.RETRY_MARGIN_MS + 1_000);
        assertThat(after).isGreaterThan(window); // Omnidesk's new minute
        assertThat(b.left()).isEqualTo(99);
    }

    @Test
    void omnideskHeadersSeenByOneReplicaCorrectTheOther() throws Exception {
        OmnideskBudget a = replica(100, 60);
        OmnideskBudget b = replica(100, 60);
        long window = a.acquire(1, 0);
        a.observe(200, 30, 5, 0, window); // Omnidesk: 30 a minute, 25 spent by the account's clients
        b.acquire(1, 0);
        assertThat(b.limit()).isEqualTo(30);
        assertThat(b.isLimitFromServer()).isTrue();
        assertThat(b.left()).isEqualTo(4);
    }

    @Test
    void redisDownHoldsEveryCallAndTheyResumeWhenItIsBack() throws Exception {
        OmnideskBudget budget = replica(100, 60);
        budget.acquire(1, 0);
        redis.stop();
        AtomicInteger granted = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread caller = new Thread(() -> {
                try {
                    budget.acquire(2, 0);
                    granted.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            caller.start();
            callers.add(caller);
        }
        await().atMost(Duration.ofSeconds(10)).until(budget::isStoreDown);
        Thread.sleep(1_500);
        assertThat(granted).hasValue(0); // fail closed: no Omnidesk call while the shared budget cannot be consulted
        assertThat(budget.storeOutageCount()).isEqualTo(1); // one WARN for the outage, not one per call or retry
        long restarted = System.nanoTime();
        redis.startAgain();
        for (Thread caller : callers) {
            caller.join(15_000);
        }
        assertThat(granted).hasValue(3);
        assertThat(budget.isStoreDown()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theScriptIsAtomicUnderContention() throws Exception {
        // 8 clients, each with its own connection, no queue in front: only the script keeps the count
        List<RedisBudgetWindow> windows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            windows.add(new RedisBudgetWindow(redis.url(), account, 60_000, 250));
        }
        AtomicInteger spent = new AtomicInteger();
        AtomicLong refused = new AtomicLong();
        Map<Long, AtomicInteger> perWindow = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
        for (RedisBudgetWindow window : windows) {
            runs.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 100; i++) {
                    BudgetWindow.Attempt attempt = window.trySpend(0, 1, 0, 150);
                    if (attempt.granted()) {
                        spent.incrementAndGet();
                        perWindow.computeIfAbsent(attempt.windowId(), w -> new AtomicInteger()).incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var run : runs) {
            run.get(30, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        windows.forEach(RedisBudgetWindow::close);
        assertThat(spent).hasValue(150);
        assertThat(refused).hasValue(800 - 150);
        assertThat(perWindow).containsOnlyKeys(0L);
    }
}
