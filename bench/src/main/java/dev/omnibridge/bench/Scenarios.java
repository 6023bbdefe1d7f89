package dev.omnibridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The measured scenarios. Each runs in one driver process that also hosts the stub Omnidesk, so that the moment a
 * webhook leaves and the moment its reply arrives are read from the same clock. The bridge (and the baseline) are
 * separate processes started by run.sh.
 */
final class Scenarios {

    private Scenarios() {}

    private static Vertx vertx() {
        return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setBlockedThreadCheckInterval(10_000));
    }

    private static LongSupplier caseIds(long first) {
        AtomicLong next = new AtomicLong(first);
        return next::getAndIncrement;
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    // ------------------------------------------------------------------------------------------------ 1 + 2

    /**
     * Figures 1 and 2 against one bridge process and an unlimited stub: a warm-up at saturation (the JIT needs it),
     * then acknowledgement (bridge vs baseline), then end to end.
     */
    static void ackAndE2e(Args a) throws Exception {
        Vertx vertx = vertx();
        CaseTracker tracker = new CaseTracker(2);
        StubOmnidesk stub = new StubOmnidesk(0, 1000).listener(tracker).start(vertx, a.integer("stub-port", 0));
        WebhookClient bridge = new WebhookClient(vertx, a.str("bridge"), 64);
        bridge.awaitIntakeOpen(60_000);
        LongSupplier cases = caseIds(1_000_001);
        int clk = a.integer("clk-tck", 100);
        ProcCpu bridgeCpu = a.has("bridge-pid-file") ? ProcCpu.of(a.str("bridge-pid-file"), clk) : null;
        int inflight = a.integer("inflight", 256);
        double warmup = a.number("warmup", 30);
        log("warm-up: %.0f s at saturation (%d cases in flight)", warmup, inflight);
        saturation(vertx, stub, tracker, bridge, cases, bridgeCpu, inflight, warmup, 0, 0, null);
        if (!a.has("skip-ack")) {
            ack(a, vertx, stub, bridge, cases, bridgeCpu);
        }
        if (!a.has("skip-e2e")) {
            e2e(a, vertx, stub, tracker, bridge, cases, bridgeCpu);
        }
        vertx.close();
    }

    /**
     * Webhook acknowledgement, bridge vs baseline, interleaved run by run: latency at a fixed rate (open loop), then
     * the maximum acknowledged rate (closed loop). Every webhook is a new case, so the bridge also does the full work
     * behind it (journal, case read, two replies to the stub); after each measurement the bridge drains its backlog.
     */
    private static void ack(Args a, Vertx vertx, StubOmnidesk stub, WebhookClient bridge, LongSupplier cases,
            ProcCpu bridgeCpu) throws Exception {
        Results results = new Results(a.str("out"), "ack");
        double rate = a.number("rate", 500);
        double seconds = a.number("duration", 15);
        double maxSeconds = a.number("max-duration", 5);
        int connections = a.integer("connections", 32);
        int runs = a.integer("runs", 3);
        Map<String, WebhookClient> open = new LinkedHashMap<>();
        Map<String, WebhookClient> closed = new LinkedHashMap<>();
        Map<String, ProcCpu> cpu = new LinkedHashMap<>();
        open.put("bridge", bridge);
        closed.put("bridge", new WebhookClient(vertx, a.str("bridge"), connections));
        cpu.put("bridge", bridgeCpu);
        open.put("baseline", new WebhookClient(vertx, a.str("baseline"), 64));
        closed.put("baseline", new WebhookClient(vertx, a.str("baseline"), connections));
        open.get("baseline").awaitIntakeOpen(60_000);
        if (a.has("baseline-pid-file")) {
            cpu.put("baseline", ProcCpu.of(a.str("baseline-pid-file"), a.integer("clk-tck", 100)));
        }
        log("ack: baseline warm-up, then %d runs of %.0f s at %.0f/s and %.0f s closed loop x%d per target", runs,
                seconds, rate, maxSeconds, connections);
        Load.openLoop(open.get("baseline"), rate, 5, cases, Load.SentHook.NONE);
        Load.closedLoop(vertx, closed.get("baseline"), connections, maxSeconds, cases);
        for (int run = 1; run <= runs; run++) {
            for (String t : open.keySet()) {
                boolean isBridge = t.equals("bridge");
                ProcCpu c = cpu.get(t);
                long repliesBefore = stub.replies.sum();
                double cpu0 = c == null ? Double.NaN : c.millis();
                Load.Outcome o = Load.openLoop(open.get(t), rate, seconds, cases, Load.SentHook.NONE);
                double cpuMs = c == null ? Double.NaN : c.millis() - cpu0;
                log("  run %d %s fixed %.0f/s: %s; %.2f cores", run, t, rate, o, cpuMs / 1000 / o.seconds);
                results.put(t, "p50_ms", run, o.latency.ms(50));
                results.put(t, "p99_ms", run, o.latency.ms(99));
                results.put(t, "p999_ms", run, o.latency.ms(99.9));
                results.put(t, "max_ms", run, o.latency.maxMs());
                results.put(t, "fixed_not_ok", run, o.rejected.sum() + o.failed.sum() + o.unanswered);
                results.put(t, "cpu_cores", run, cpuMs / 1000 / o.seconds);
                results.put(t, "cpu_ms_per_webhook", run, cpuMs / o.ok.sum());
                if (isBridge) {
                    settle(stub, repliesBefore + 2 * o.ok.sum());
                }
                repliesBefore = stub.replies.sum();
                Load.Outcome m = Load.closedLoop(vertx, closed.get(t), connections, maxSeconds, cases);
                log("  run %d %s closed loop x%d: %.0f/s acknowledged; %s", run, t, connections, m.okPerSecond(), m);
                results.put(t, "max_rps", run, m.okPerSecond());
                results.put(t, "max_not_ok", run, m.rejected.sum() + m.failed.sum());
                results.put(t, "max_p99_ms", run, m.latency.ms(99));
                if (isBridge) {
                    settle(stub, repliesBefore + 2 * m.ok.sum());
                }
            }
        }
        log("ack: stub saw %s", stub.counters());
    }

    /** Waits until the stub has received the replies expected so far (bounded; gives up when the bridge goes quiet). */
    private static void settle(StubOmnidesk stub, long expectedReplies) throws InterruptedException {
        long start = System.currentTimeMillis();
        long deadline = start + 180_000;
        long lastCalls = stub.apiCalls();
        long lastChange = start;
        while (stub.replies.sum() < expectedReplies && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            long calls = stub.apiCalls();
            if (calls != lastCalls) {
                lastCalls = calls;
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange > 5_000) {
                break;
            }
        }
        long missing = expectedReplies - stub.replies.sum();
        log("  settled in %d ms%s", System.currentTimeMillis() - start,
                missing > 0 ? " - " + missing + " replies never arrived" : "");
        Thread.sleep(500);
    }

    /**
     * End to end against the unlimited stub: (a) saturation - {@code inflight} cases always open, a new case as soon
     * as one got both replies (greeting + answer); replies/s over consecutive windows; (b) latency at a fixed rate of
     * new cases below saturation.
     */
    private static void e2e(Args a, Vertx vertx, StubOmnidesk stub, CaseTracker tracker, WebhookClient client,
            LongSupplier cases, ProcCpu cpu) throws Exception {
        Results results = new Results(a.str("out"), "e2e");
        int inflight = a.integer("inflight", 256);
        double seconds = a.number("e2e-duration", 10);
        int runs = a.integer("runs", 3);
        double rate = a.number("e2e-rate", 250);
        log("e2e: saturation with %d cases in flight, %d x %.0f s", inflight, runs, seconds);
        saturation(vertx, stub, tracker, client, cases, cpu, inflight, 3, runs, seconds, results);

        log("e2e: fixed rate %.0f new cases/s (%.0f replies/s), %d x %.0f s", rate, 2 * rate, runs, seconds);
        for (int run = 1; run <= runs; run++) {
            Latency answer = new Latency();
            Latency greeting = new Latency();
            tracker.onDone((caseId, sent, firstReply, lastReply) -> {
                greeting.recordNanos(firstReply - sent);
                answer.recordNanos(lastReply - sent);
            });
            double cpu0 = cpu == null ? Double.NaN : cpu.millis();
            Load.Outcome o = Load.openLoop(client, rate, seconds, cases, tracker::sent);
            boolean done = tracker.awaitEmpty(60_000);
            double cpuMs = cpu == null ? Double.NaN : cpu.millis() - cpu0;
            results.put("bridge", "fixed_cpu_ms_per_case", run, cpuMs / o.ok.sum());
            log("  run %d: answer p50=%.1f p99=%.1f p99.9=%.1f ms, greeting p50=%.1f ms; %d cases answered%s; "
                    + "%.2f CPU ms per case; webhooks %s", run, answer.ms(50), answer.ms(99), answer.ms(99.9),
                    greeting.ms(50), answer.count(), done ? "" : " (some never answered)", cpuMs / o.ok.sum(), o);
            results.put("bridge", "fixed_p50_ms", run, answer.ms(50));
            results.put("bridge", "fixed_p99_ms", run, answer.ms(99));
            results.put("bridge", "fixed_unanswered", run, o.sent - answer.count());
        }
        tracker.onDone((caseId, sent, firstReply, lastReply) -> { });
        log("e2e: stub saw %s", stub.counters());
    }

    /**
     * Closed loop over cases: {@code inflight} cases open at a time, a new one as soon as one got both replies. After
     * {@code warmup} seconds, {@code runs} consecutive windows of {@code seconds}: replies/s at the stub, bridge CPU
     * per case, answer latency of the cases sent in the window. Then it stops sending and drains.
     */
    static void saturation(Vertx vertx, StubOmnidesk stub, CaseTracker tracker, WebhookClient client,
            LongSupplier cases, ProcCpu cpu, int inflight, double warmup, int runs, double seconds, Results results)
            throws InterruptedException {
        Latency[] last = new Latency[runs + 1];
        for (int i = 0; i <= runs; i++) {
            last[i] = new Latency();
        }
        long t0 = System.nanoTime();
        long warmEnd = t0 + (long) (warmup * 1e9);
        long windowNanos = (long) (seconds * 1e9);
        long stopAt = warmEnd + runs * windowNanos;
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder webhookFailures = new LongAdder();
        Runnable[] sendNew = new Runnable[1];
        sendNew[0] = () -> {
            if (stop.get()) {
                return;
            }
            long caseId = cases.getAsLong();
            tracker.sent(caseId, System.nanoTime());
            client.send(caseId, (status, t) -> {
                if (status != 200) {
                    tracker.forget(caseId);
                    webhookFailures.increment();
                    vertx.setTimer(10, id -> sendNew[0].run());
                }
            });
        };
        tracker.onDone((caseId, sent, firstReply, lastReply) -> {
            if (runs > 0 && sent >= warmEnd && sent < stopAt) {
                last[1 + (int) ((sent - warmEnd) / windowNanos)].recordNanos(lastReply - sent);
            }
            sendNew[0].run();
        });
        for (int i = 0; i < inflight; i++) {
            sendNew[0].run();
        }
        // The warm-up's progress every 10 s: the JIT is done when replies/s and CPU per case stop improving.
        long step = 10_000_000_000L;
        long stepReplies = stub.replies.sum();
        double stepCpu = cpu == null ? Double.NaN : cpu.millis();
        for (long at = t0 + step; at < warmEnd; at += step) {
            Load.sleepUntil(at);
            long replies = stub.replies.sum();
            double cpuNow = cpu == null ? Double.NaN : cpu.millis();
            log("  warm-up %3.0f s: %.0f replies/s, %.2f CPU ms per case", (at - t0) / 1e9,
                    (replies - stepReplies) / (step / 1e9), (cpuNow - stepCpu) / ((replies - stepReplies) / 2.0));
            stepReplies = replies;
            stepCpu = cpuNow;
        }
        Load.sleepUntil(warmEnd);
        long before = stub.replies.sum();
        double cpuBefore = cpu == null ? Double.NaN : cpu.millis();
        for (int run = 1; run <= runs; run++) {
            Load.sleepUntil(warmEnd + run * windowNanos);
            long now = stub.replies.sum();
            double cpuNow = cpu == null ? Double.NaN : cpu.millis();
            double perSecond = (now - before) / seconds;
            double cpuMsPerCase = (cpuNow - cpuBefore) / ((now - before) / 2.0);
            log("  run %d: %.0f replies/s, bridge %.2f cores, %.2f CPU ms per case", run, perSecond,
                    (cpuNow - cpuBefore) / 1000 / seconds, cpuMsPerCase);
            before = now;
            cpuBefore = cpuNow;
            results.put("bridge", "sat_replies_per_s", run, perSecond);
            results.put("bridge", "sat_cpu_ms_per_case", run, cpuMsPerCase);
        }
        stop.set(true);
        boolean drained = tracker.awaitEmpty(60_000);
        long warmReplies = stub.replies.sum();
        if (runs == 0) {
            log("  warm-up done: %.0f replies/s on average; stub: %s", warmReplies / ((System.nanoTime() - t0) / 1e9),
                    stub.counters());
        }
        for (int run = 1; run <= runs; run++) {
            log("  run %d: answer latency p50=%.1f p99=%.1f ms, %d cases", run, last[run].ms(50), last[run].ms(99),
                    last[run].count());
            results.put("bridge", "sat_p50_ms", run, last[run].ms(50));
            results.put("bridge", "sat_p99_ms", run, last[run].ms(99));
        }
        if (webhookFailures.sum() > 0 || !drained) {
            log("  webhook failures: %d; drained: %s", webhookFailures.sum(), drained);
        }
        tracker.onDone((caseId, sent, firstReply, lastReply) -> { });
        Thread.sleep(500);
    }

    // ------------------------------------------------------------------------------------------------ 3. budget

    /**
     * API budget under a backlog: the stub allows {@code limit} units per {@code window-seconds} fixed window (as
     * Omnidesk does per minute, shortened consistently on both sides); {@code cases} new conversations arrive at once.
     */
    static void budget(Args a) throws Exception {
        Results results = new Results(a.str("out"), "budget");
        int limit = a.integer("limit", 120);
        double windowSeconds = a.number("window-seconds", 5);
        int casesPerRun = a.integer("cases", 150);
        int runs = a.integer("runs", 3);
        Vertx vertx = vertx();
        CaseTracker tracker = new CaseTracker(2);
        StubOmnidesk stub = new StubOmnidesk(limit, (long) (windowSeconds * 1000)).listener(tracker)
                .start(vertx, a.integer("stub-port", 0));
        WebhookClient client = new WebhookClient(vertx, a.str("bridge"), 16);
        client.awaitIntakeOpen(60_000);
        LongSupplier cases = caseIds(3_000_001);
        double unitsPerCase = 5; // GET case (1) + greeting (2) + answer (2)
        // the quickest any client could drain it: a full window at once, then one more window per N units
        double idealSeconds = (Math.ceil(casesPerRun * unitsPerCase / limit) - 1) * windowSeconds;
        log("budget: %d units per %.0f s window, %d new cases per run (ideal drain %.1f s)", limit, windowSeconds,
                casesPerRun, idealSeconds);
        for (int run = 1; run <= runs; run++) {
            // a fresh start: the bridge's sliding window (window + margin) and the stub's fixed window both empty
            Thread.sleep((long) (windowSeconds * 1000 * 1.1) + 500);
            long tooManyBefore = stub.tooMany.sum();
            long wStart = stub.windowOf(System.nanoTime());
            List<Long> waits = new ArrayList<>();
            List<Long> firstWaits = new ArrayList<>();
            tracker.onDone((caseId, sent, firstReply, lastReply) -> {
                synchronized (waits) {
                    waits.add(lastReply - sent);
                    firstWaits.add(firstReply - sent);
                }
            });
            long begin = System.nanoTime();
            // the whole backlog arrives within a quarter of a second
            Load.Outcome o = Load.openLoop(client, casesPerRun * 4.0, 0.25, cases, tracker::sent);
            boolean done = tracker.awaitEmpty((long) (idealSeconds * 3_000) + 60_000);
            long wEnd = stub.windowOf(System.nanoTime());
            StringBuilder perWindow = new StringBuilder(); // as Omnidesk counts: per fixed window (for the log)
            for (long w = wStart; w <= wEnd; w++) {
                perWindow.append(stub.unitsPerWindow.get((int) w)).append(' ');
            }
            // Under a backlog the bridge spends in bursts: whatever the window allows, then nothing until its oldest
            // units leave the (sliding) window. Steady rate = units of all bursts but the last, over the time from
            // the first burst to the last one. A client using every window fully scores 100 %; no fencepost error
            // from the size of the backlog (the last burst is only what was left).
            List<long[]> calls = stub.admittedSince(begin);
            List<long[]> bursts = new ArrayList<>(); // {start, units}
            long gap = (long) (windowSeconds * 1e9 / 4);
            long previous = Long.MIN_VALUE;
            for (long[] call : calls) {
                if (bursts.isEmpty() || call[0] - previous > gap) {
                    bursts.add(new long[] {call[0], 0});
                }
                bursts.get(bursts.size() - 1)[1] += call[1];
                previous = call[0];
            }
            double efficiency = Double.NaN;
            StringBuilder burstText = new StringBuilder();
            for (long[] b : bursts) {
                burstText.append(String.format(Locale.ROOT, "%d@%.2fs ", b[1], (b[0] - bursts.get(0)[0]) / 1e9));
            }
            if (bursts.size() >= 2) {
                long units = 0;
                for (int i = 0; i < bursts.size() - 1; i++) {
                    units += bursts.get(i)[1];
                }
                double windows = (bursts.get(bursts.size() - 1)[0] - bursts.get(0)[0]) / 1e9 / windowSeconds;
                efficiency = units / windows / limit;
            }
            long tooMany = stub.tooMany.sum() - tooManyBefore;
            long oldest;
            long medianFirst;
            synchronized (waits) {
                oldest = waits.stream().mapToLong(Long::longValue).max().orElse(-1);
                medianFirst = firstWaits.stream().sorted().skip(firstWaits.size() / 2).findFirst().orElse(-1L);
            }
            log("  run %d: units per fixed window [%s]; bursts (units@start) [%s] -> %.1f%% of N per window; "
                    + "429s %d; oldest customer waited %.1f s (quickest possible %.1f s); median first reply %.1f s; "
                    + "%d/%d cases answered%s; webhooks %s", run, perWindow.toString().trim(), burstText.toString().trim(),
                    100 * efficiency, tooMany, oldest / 1e9, idealSeconds, medianFirst / 1e9, waits.size(), casesPerRun,
                    done ? "" : " (timed out)", o);
            results.put("bridge", "efficiency_pct", run, 100 * efficiency);
            results.put("bridge", "bursts", run, bursts.size());
            results.put("bridge", "too_many", run, tooMany);
            results.put("bridge", "oldest_wait_s", run, oldest / 1e9);
            results.put("bridge", "ideal_wait_s", run, idealSeconds);
            results.put("bridge", "median_first_reply_s", run, medianFirst / 1e9);
            results.put("bridge", "unanswered", run, casesPerRun - waits.size());
        }
        log("budget: stub saw %s", stub.counters());
        vertx.close();
    }

    // ------------------------------------------------------------------------------------------------ 4. memory

    /**
     * Memory after {@code cases} distinct cases: fed with {@code inflight} cases open at a time, in four segments; after
     * each the bridge is idle, gets a full GC (jcmd GC.run), and its RSS (/proc) and heap (metrics) are read.
     */
    static void memory(Args a) throws Exception {
        Results results = new Results(a.str("out"), "memory");
        int total = a.integer("cases", 100_000);
        int inflight = a.integer("inflight", 128);
        int segments = a.integer("segments", 4);
        String mgmt = a.str("mgmt");
        Vertx vertx = vertx();
        CaseTracker tracker = new CaseTracker(2);
        StubOmnidesk stub = new StubOmnidesk(0, 1000).listener(tracker).start(vertx, a.integer("stub-port", 0));
        WebhookClient client = new WebhookClient(vertx, a.str("bridge"), 64);
        client.awaitIntakeOpen(60_000);
        long pid = Long.parseLong(Files.readString(Path.of(a.str("pid-file"))).trim());
        LongSupplier cases = caseIds(4_000_001);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Map<String, Double> m0 = measure(pid, mgmt, http);
        log("memory: idle after start: rss=%.0f MiB heap=%.1f MiB", m0.get("rss_mib"), m0.get("heap_mib"));
        results.put("bridge", "rss_mib_at_0", 0, m0.get("rss_mib"));
        results.put("bridge", "heap_mib_at_0", 0, m0.get("heap_mib"));
        AtomicLong sentCount = new AtomicLong();
        AtomicLong target = new AtomicLong();
        LongAdder failures = new LongAdder();
        Runnable[] sendNew = new Runnable[1];
        sendNew[0] = () -> {
            if (sentCount.incrementAndGet() > target.get()) {
                sentCount.decrementAndGet();
                return;
            }
            long caseId = cases.getAsLong();
            tracker.sent(caseId, System.nanoTime());
            client.send(caseId, (status, t) -> {
                if (status != 200) {
                    tracker.forget(caseId);
                    failures.increment();
                    sentCount.decrementAndGet();
                    vertx.setTimer(50, id -> sendNew[0].run());
                }
            });
        };
        tracker.onDone((caseId, sent, f, l) -> sendNew[0].run());
        long begin = System.nanoTime();
        for (int s = 1; s <= segments; s++) {
            target.set((long) total * s / segments);
            for (int i = 0; i < inflight; i++) {
                sendNew[0].run();
            }
            while (sentCount.get() < target.get() || tracker.openCases() > 0) {
                if (System.nanoTime() - begin > TimeUnit.MINUTES.toNanos(20)) {
                    throw new IllegalStateException("memory feed took longer than 20 minutes");
                }
                Thread.sleep(50);
            }
            double elapsed = (System.nanoTime() - begin) / 1e9;
            Map<String, Double> m = measure(pid, mgmt, http);
            long done = sentCount.get();
            log("  %d cases in %.0f s (%.0f cases/s): rss=%.0f MiB heap=%.1f MiB (committed %.0f) nonheap=%.1f MiB "
                    + "dialogs=%.0f threads=%.0f", done, elapsed, done / elapsed, m.get("rss_mib"), m.get("heap_mib"),
                    m.get("heap_committed_mib"), m.get("nonheap_mib"), m.get("dialogs"), m.get("threads"));
            results.put("bridge", "rss_mib_at_" + done, 0, m.get("rss_mib"));
            results.put("bridge", "heap_mib_at_" + done, 0, m.get("heap_mib"));
            if (s == segments) {
                results.put("bridge", "rss_mib", 1, m.get("rss_mib"));
                results.put("bridge", "heap_mib", 1, m.get("heap_mib"));
                results.put("bridge", "nonheap_mib", 1, m.get("nonheap_mib"));
                results.put("bridge", "dialogs", 1, m.get("dialogs"));
                results.put("bridge", "heap_max_mib", 1, m.get("heap_max_mib"));
                results.put("bridge", "heap_committed_mib", 1, m.get("heap_committed_mib"));
                results.put("bridge", "feed_cases_per_s", 1, done / elapsed);
                double perDialog = (m.get("heap_mib") - m0.get("heap_mib")) * 1024 * 1024 / Math.max(1, m.get("dialogs"));
                results.put("bridge", "heap_bytes_per_dialog", 1, perDialog);
            }
        }
        log("memory: webhook failures %d; stub saw %s", failures.sum(), stub.counters());
        vertx.close();
    }

    /** Full GC, then RSS from /proc and heap / dialogs / threads from the bridge's Prometheus metrics. */
    private static Map<String, Double> measure(long pid, String mgmt, HttpClient http)
            throws IOException, InterruptedException {
        Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS)) {
            gc.destroy();
        }
        Thread.sleep(500);
        Map<String, Double> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                m.put("rss_mib", Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024);
            }
        }
        String metrics = http.send(HttpRequest.newBuilder(URI.create(mgmt + "/observe/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        double heap = 0;
        double nonheap = 0;
        double heapMax = 0;
        double heapCommitted = 0;
        double dialogs = Double.NaN;
        double threads = Double.NaN;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } catch (RuntimeException e) {
                continue;
            }
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += value;
            } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"nonheap\"")) {
                nonheap += value;
            } else if (line.startsWith("jvm_memory_committed_bytes{") && line.contains("area=\"heap\"")) {
                heapCommitted += value;
            } else if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"") && value > 0) {
                heapMax += value;
            } else if (line.startsWith("bridge_dialogs_cached")) {
                dialogs = value;
            } else if (line.startsWith("jvm_threads_live_threads")) {
                threads = value;
            }
        }
        m.put("heap_mib", heap / 1024 / 1024);
        m.put("nonheap_mib", nonheap / 1024 / 1024);
        m.put("heap_max_mib", heapMax / 1024 / 1024);
        m.put("heap_committed_mib", heapCommitted / 1024 / 1024);
        m.put("dialogs", dialogs);
        m.put("threads", threads);
        return m;
    }
}
