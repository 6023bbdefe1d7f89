package dev.omnibridge.bench;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the API budget buys, against the physical limit (one write, 2 units, per message the customer sees). The stub
 * keeps each case's messages (the author check reads them) and fires the "rule" on each reply (the echo), as
 * Omnidesk does; it counts per fixed window.
 *
 * <ol>
 *   <li>Units per answered message: {@code customers} new cases, each a first message sent by both rules, then a
 *   follow-up; units spent on the case ÷ 2.</li>
 *   <li>A Basic account: {@code limit} units per window, a backlog of {@code backlog} new customers: customers
 *   answered per window ÷ the physical maximum ({@code limit} / 2), budget use, 429s.</li>
 *   <li>A 429 with {@code retry-after} s (another client spent the minute): the wait until the next call ÷ retry_after.</li>
 * </ol>
 */
final class UnitsScenario {

    static final String FIRST = "Здравствуйте! Где мой заказ 123456?";
    static final String FOLLOW_UP = "А сколько идёт доставка?";

    private UnitsScenario() {}

    static void run(Args a) throws Exception {
        Results results = new Results(a.str("out"), "units");
        String label = a.str("label");
        int customers = a.integer("customers", 30);
        int limit = a.integer("limit", 20);
        double windowSeconds = a.number("window-seconds", 6);
        int backlog = a.integer("backlog", 30);
        long retryAfter = a.integer("retry-after", 4);
        long quietMs = a.integer("quiet-ms", 3000);
        Vertx vertx = Vertx.vertx();
        WebhookClient client = new WebhookClient(vertx, a.str("bridge"), 8);
        Map<Long, AtomicInteger> replies = new ConcurrentHashMap<>();
        StubOmnidesk stub = new StubOmnidesk(0, (long) (windowSeconds * 1000))
                .listener((caseId, t) -> replies.computeIfAbsent(caseId, c -> new AtomicInteger()).incrementAndGet())
                .stateful((caseId, text) -> client.sendText(caseId, text, (s, t) -> { }))
                .start(vertx, a.integer("stub-port", 0));
        client.awaitIntakeOpen(60_000);

        // 1. units per answered message, first message and follow-up
        List<Long> cases = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            long caseId = 4_000_001L + i;
            cases.add(caseId);
            stub.customerWrites(caseId, FIRST);
            client.sendText(caseId, FIRST, (s, t) -> { });
            client.sendText(caseId, FIRST, (s, t) -> { }); // the new-case rule and the updated-case rule
        }
        awaitReplies(replies, cases, 1, 120_000);
        Thread.sleep(quietMs); // the echoes of the replies come back and are handled
        Map<Long, Long> afterFirst = new ConcurrentHashMap<>();
        cases.forEach(c -> afterFirst.put(c, units(stub, c)));
        int messagesPerTurn = cases.stream().mapToInt(c -> replies.get(c).get()).max().orElse(0);
        for (long caseId : cases) {
            stub.customerWrites(caseId, FOLLOW_UP);
            client.sendText(caseId, FOLLOW_UP, (s, t) -> { });
        }
        awaitReplies(replies, cases, 2, 120_000);
        Thread.sleep(quietMs);
        double first = cases.stream().mapToLong(afterFirst::get).average().orElse(Double.NaN);
        double followUp = cases.stream().mapToLong(c -> units(stub, c) - afterFirst.get(c)).average()
                .orElse(Double.NaN);
        log("units (%s): first message %.2f units (%.2f x the minimum), follow-up %.2f (%.2f x); %d message(s) in the "
                + "first turn; stub %s", label, first, first / 2, followUp, followUp / 2, messagesPerTurn, stub.counters());
        results.put(label, "units_first", 1, first);
        results.put(label, "units_first_ratio", 1, first / 2);
        results.put(label, "units_followup", 1, followUp);
        results.put(label, "units_followup_ratio", 1, followUp / 2);

        // 2. a Basic account under a backlog of new customers
        stub.limit(limit);
        long tooManyBefore = stub.tooMany.sum();
        Thread.sleep((long) (windowSeconds * 1000) + 500); // the bridge's minute of part 1 is over
        List<Long> waiting = new ArrayList<>();
        Map<Long, Long> answeredAt = new ConcurrentHashMap<>();
        long begin = System.nanoTime();
        for (int i = 0; i < backlog; i++) {
            long caseId = 5_000_001L + i;
            waiting.add(caseId);
            stub.customerWrites(caseId, FIRST);
            client.sendText(caseId, FIRST, (s, t) -> { });
            client.sendText(caseId, FIRST, (s, t) -> { });
        }
        long deadline = System.currentTimeMillis() + (long) (windowSeconds * 1000 * (3.0 * backlog * 4 / limit + 4));
        while (System.currentTimeMillis() < deadline
                && waiting.stream().anyMatch(c -> replies.getOrDefault(c, new AtomicInteger()).get() < 1)) {
            for (long c : waiting) {
                if (!answeredAt.containsKey(c) && replies.getOrDefault(c, new AtomicInteger()).get() >= 1) {
                    answeredAt.put(c, System.nanoTime());
                }
            }
            Thread.sleep(20);
        }
        for (long c : waiting) {
            if (!answeredAt.containsKey(c) && replies.getOrDefault(c, new AtomicInteger()).get() >= 1) {
                answeredAt.put(c, System.nanoTime());
            }
        }
        long tooMany = stub.tooMany.sum() - tooManyBefore;
        // Steady state: the stub's full windows from the first call of the backlog to the last reply.
        long firstWindow = stub.windowOf(begin) + 1;
        long lastWindow = stub.windowOf(answeredAt.values().stream().mapToLong(Long::longValue).max().orElse(begin));
        long windows = Math.max(0, lastWindow - firstWindow);
        long units = 0;
        for (long w = firstWindow; w < lastWindow; w++) {
            units += stub.unitsPerWindow.get((int) w);
        }
        StringBuilder windowUnits = new StringBuilder();
        for (long w = firstWindow - 1; w <= lastWindow; w++) {
            windowUnits.append(stub.unitsPerWindow.get((int) w)).append(' ');
        }
        log("units (%s): units per stub window, from the backlog's first to its last reply: [%s]", label,
                windowUnits.toString().trim());
        long answeredInFull = answeredAt.values().stream()
                .filter(t -> stub.windowOf(t) >= firstWindow && stub.windowOf(t) < lastWindow).count();
        double perWindow = windows == 0 ? Double.NaN : (double) answeredInFull / windows;
        double maximum = limit / 2.0;
        double use = windows == 0 ? Double.NaN : 100.0 * units / (windows * (double) limit);
        log("units (%s): %d-unit account, backlog of %d: %d answered; %.2f customers per window in %d full windows "
                + "(%.0f%% of the physical maximum %.1f), budget use %.1f%%, 429s %d", label, limit, backlog,
                answeredAt.size(), perWindow, windows, 100 * perWindow / maximum, maximum, use, tooMany);
        results.put(label, "customers_per_window", 1, perWindow);
        results.put(label, "customers_ratio_pct", 1, 100 * perWindow / maximum);
        results.put(label, "budget_use_pct", 1, use);
        results.put(label, "too_many", 1, tooMany);

        // 3. a 429 with retry_after: how long until the next call
        Thread.sleep((long) (windowSeconds * 1000) + 500);
        long probe = cases.get(0);
        int before = replies.get(probe).get();
        stub.throttleNext(retryAfter);
        stub.customerWrites(probe, "А оплата картой?");
        client.sendText(probe, "А оплата картой?", (s, t) -> { });
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until && replies.get(probe).get() == before) {
            Thread.sleep(20);
        }
        long throttledAt = stub.throttledAt;
        long next = stub.admittedSince(throttledAt + 1).stream().mapToLong(c -> c[0]).min().orElse(-1);
        double waitRatio = next < 0 ? Double.NaN : (next - throttledAt) / 1e9 / retryAfter;
        log("units (%s): after a 429 with retry_after %d s the next call came %.2f s later (%.2f x retry_after); "
                + "replied: %s", label, retryAfter, (next - throttledAt) / 1e9, waitRatio,
                replies.get(probe).get() > before);
        results.put(label, "wait_after_429_ratio", 1, waitRatio);
        vertx.close();
    }

    private static long units(StubOmnidesk stub, long caseId) {
        LongAdder u = stub.unitsByCase.get(caseId);
        return u == null ? 0 : u.sum();
    }

    private static void awaitReplies(Map<Long, AtomicInteger> replies, List<Long> cases, int count, long timeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline
                && cases.stream().anyMatch(c -> replies.getOrDefault(c, new AtomicInteger()).get() < count)) {
            Thread.sleep(20);
        }
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
