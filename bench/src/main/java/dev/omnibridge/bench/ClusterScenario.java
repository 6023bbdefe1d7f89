package dev.omnibridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Cluster mode ({@code bridge.intake=kafka}, {@code budget.store=redis}): 1, 2 and 3 replicas of the packaged jar, one
 * after the other in the same run, against the unlimited stub Omnidesk. This JVM hosts an in-process Kafka broker
 * (Kafka's test kit, KRaft, one combined node, as the tests' {@code KafkaBroker}), the stub and the load driver; it
 * starts a redis-server and the replicas as processes of their own. Webhooks go round-robin to the replicas.
 *
 * <p>Per replica count: a warm-up at saturation, then replies/s and answer latency at saturation (the figure 2 loop:
 * {@link Scenarios#saturation}), then answer latency at a fixed rate of new cases. With 2 or more replicas, the
 * takeover: under a light fixed load one replica is killed (SIGKILL) and the webhooks go to the survivors; the time
 * until the survivors own every partition ({@code bridge_kafka_partitions_owned}) and until the first answer to a case
 * of a partition the killed replica owned (from the group's assignment before and after, read from the broker).
 */
final class ClusterScenario {

    private static final int PARTITIONS = 12;
    private static final String SECRET = "bench-webhook-secret-0123456789";

    private ClusterScenario() {}

    static void run(Args a) throws Exception {
        String jar = a.str("jar");
        Path runDir = Path.of(a.str("run-dir"));
        String out = a.str("out");
        List<Integer> counts = new ArrayList<>();
        for (String n : a.str("replicas", "1 2 3").trim().split("[ ,]+")) {
            counts.add(Integer.parseInt(n));
        }
        int rounds = a.integer("rounds", 1);
        double warmup = a.number("warmup", 20);
        int windows = a.integer("windows", 3);
        double windowSeconds = a.number("window-seconds", 5);
        int inflight = a.integer("inflight", 256);
        double rate = a.number("rate", 100);
        double rateSeconds = a.number("rate-seconds", 8);
        double killRate = a.number("kill-rate", 50);
        int clk = a.integer("clk-tck", 100);
        Settings settings = new Settings(jar, runDir, a.str("jvm-flags",
                "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=512m"),
                a.integer("consumers", 4), a.integer("session-timeout-ms", 6000), a.str("author-check", "none"),
                a.integer("burst-window-ms", 0));

        List<AutoCloseable> running = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(running)));
        long t0 = System.nanoTime();
        KafkaClusterTestKit kafka = startKafka();
        running.add(kafka);
        log("kafka: in-process KRaft broker at %s, ready in %.1f s", kafka.bootstrapServers(),
                (System.nanoTime() - t0) / 1e9);
        Redis redis = Redis.start(runDir.resolve("redis.log"));
        running.add(redis);
        log("redis: redis-server on port %d", redis.port);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setBlockedThreadCheckInterval(10_000));
        CaseTracker tracker = new CaseTracker(2);
        // Stateful: the stub keeps each case's messages (the customer's, stored before its webhook leaves, and the
        // bot's replies), so that a record replayed after a takeover - read before it is answered - finds the
        // customer's message, and so that webhook.author-check=messages works. No echo webhooks for the replies.
        StubOmnidesk stub = new StubOmnidesk(0, 1000).listener(tracker).stateful((caseId, text) -> { })
                .start(vertx, 0);
        log("stub Omnidesk (unlimited, keeps messages) on port %d", stub.port());
        AtomicLong nextCase = new AtomicLong(10_000_001);
        LongSupplier cases = nextCase::getAndIncrement;
        Properties adminProps = new Properties();
        adminProps.put("bootstrap.servers", kafka.bootstrapServers());

        try (Admin admin = Admin.create(adminProps)) {
            for (int round = 1; round <= rounds; round++) {
                for (int n : counts) {
                    String name = "bench-r" + round + "-n" + n;
                    admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all()
                            .get(30, TimeUnit.SECONDS);
                    Env env = new Env(kafka.bootstrapServers(), name, name, redis.url(), stub.port());
                    phase(round, n, settings, env, admin, vertx, stub, tracker, cases, out, warmup, windows,
                            windowSeconds, inflight, rate, rateSeconds, killRate, clk);
                }
            }
        }
        log("stub saw %s", stub.counters());
        vertx.close();
        closeAll(running);
        running.clear();
        Files.writeString(Path.of(a.str("md")), table(out, counts));
        System.out.print(Files.readString(Path.of(a.str("md"))));
    }

    private static void phase(int round, int n, Settings settings, Env env, Admin admin, Vertx vertx,
            StubOmnidesk stub, CaseTracker tracker, LongSupplier cases, String out, double warmup, int windows,
            double windowSeconds, int inflight, double rate, double rateSeconds, double killRate, int clk)
            throws Exception {
        log("");
        log("=== round %d: %d replica(s), topic %s (%d partitions), %d consumers each ===", round, n, env.topic,
                PARTITIONS, settings.consumers);
        Results results = new Results(out, "cluster-n" + n);
        List<Replica> replicas = new ArrayList<>();
        try {
            long begin = System.nanoTime();
            for (int i = 0; i < n; i++) {
                replicas.add(Replica.start(settings, env, "r" + round + "-n" + n + "-" + (char) ('a' + i)));
            }
            awaitAssigned(replicas, 120);
            log("  %d replica(s) ready, partitions owned %s, after %.1f s", n, owned(replicas),
                    (System.nanoTime() - begin) / 1e9);
            List<String> urls = replicas.stream().map(Replica::webhookUrl).toList();
            WebhookClient client = new WebhookClient(vertx, urls, 64 / n + 1).beforeEach(stub::customerWrites);
            client.awaitIntakeOpen(60_000);
            ProcCpu cpu = ProcCpu.ofPids(replicas.stream().map(Replica::pid).toList(), clk);
            // what the replicas cost with no webhooks at all (consumers polling, heartbeats, metrics, JIT)
            Thread.sleep(2000);
            double idle0 = cpu.millis();
            Thread.sleep(5000);
            double idleCores = (cpu.millis() - idle0) / 5000;
            log("  idle: the replicas use %.2f cores together with no load", idleCores);
            results.put("bridge", "idle_cores", round, idleCores);

            log("  warm-up %.0f s, then %d windows of %.0f s at saturation (%d cases in flight)", warmup, windows,
                    windowSeconds, inflight);
            Scenarios.saturation(vertx, stub, tracker, client, cases, cpu, inflight, warmup, windows, windowSeconds,
                    results);

            Latency answer = new Latency();
            tracker.onDone((caseId, sent, firstReply, lastReply) -> answer.recordNanos(lastReply - sent));
            double cpu0 = cpu.millis();
            Load.Outcome o = Load.openLoop(client, rate, rateSeconds, cases, tracker::sent);
            boolean drained = tracker.awaitEmpty(60_000);
            double cpuMs = cpu.millis() - cpu0;
            tracker.onDone((c, s, f, l) -> { });
            log("  fixed %.0f new cases/s for %.0f s: answer p50=%.2f p99=%.2f max=%.2f ms, %d answered%s; %.2f CPU ms "
                    + "per case (all replicas); webhooks %s", rate, rateSeconds, answer.ms(50), answer.ms(99),
                    answer.maxMs(), answer.count(), drained ? "" : " (some never answered)", cpuMs / o.ok.sum(), o);
            results.put("bridge", "fixed_p50_ms", round, answer.ms(50));
            results.put("bridge", "fixed_p99_ms", round, answer.ms(99));
            results.put("bridge", "fixed_cpu_ms_per_case", round, cpuMs / o.ok.sum());
            results.put("bridge", "fixed_unanswered", round, o.sent - answer.count());

            if (n >= 2) {
                takeover(round, n, settings, env, admin, replicas, client, tracker, cases, results, killRate);
            }
            client.close();
        } finally {
            for (Replica r : replicas) {
                r.close();
            }
        }
    }

    /**
     * Kills the first replica (SIGKILL) under {@code killRate} new cases/s; the webhooks go to the survivors from then
     * on (as a Service would once the pod is gone). Measures the time until the survivors own all partitions and until
     * the first answer to a case, sent after the kill, of a partition the killed replica had owned.
     */
    private static void takeover(int round, int n, Settings settings, Env env, Admin admin, List<Replica> replicas,
            WebhookClient client, CaseTracker tracker, LongSupplier cases, Results results, double killRate)
            throws Exception {
        Thread.sleep(1000);
        Map<String, Set<Integer>> before = assignment(admin, env.group);
        Replica victim = replicas.get(0);
        List<Replica> survivors = replicas.subList(1, replicas.size());
        int victimOwned = (int) victim.metric("bridge_kafka_partitions_owned");
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        Map<Long, Long> answeredAt = new ConcurrentHashMap<>();
        LongAdder notAccepted = new LongAdder();
        tracker.onDone((caseId, sent, firstReply, lastReply) -> answeredAt.put(caseId, firstReply));
        AtomicBoolean stop = new AtomicBoolean();
        Thread sender = new Thread(() -> {
            long interval = (long) (1e9 / killRate);
            long due = System.nanoTime();
            while (!stop.get()) {
                Load.sleepUntil(due);
                long caseId = cases.getAsLong();
                long now = System.nanoTime();
                sentAt.put(caseId, now);
                tracker.sent(caseId, now);
                client.send(caseId, (status, t) -> {
                    if (status != 200) {
                        tracker.forget(caseId);
                        sentAt.remove(caseId);
                        notAccepted.increment();
                    }
                });
                due += interval;
            }
        }, "takeover-load");
        sender.start();
        Thread.sleep(3000);
        long killedAt = System.nanoTime();
        victim.kill();
        client.targets(survivors.stream().map(Replica::webhookUrl).toList());
        log("  takeover: replica %s (owned %d partitions) killed with SIGKILL under %.0f new cases/s", victim.label,
                victimOwned, killRate);
        long movedAt = -1;
        long deadline = killedAt + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            double sum = 0;
            for (Replica r : survivors) {
                sum += r.metric("bridge_kafka_partitions_owned");
            }
            if (sum == PARTITIONS) {
                movedAt = System.nanoTime();
                break;
            }
            Thread.sleep(50);
        }
        Thread.sleep(4000);
        stop.set(true);
        sender.join();
        tracker.awaitEmpty(30_000);
        tracker.onDone((c, s, f, l) -> { });
        Map<String, Set<Integer>> after = assignment(admin, env.group);
        Set<Integer> killedPartitions = new TreeSet<>();
        before.forEach((member, parts) -> {
            if (!after.containsKey(member)) {
                killedPartitions.addAll(parts);
            }
        });
        long firstAnswer = Long.MAX_VALUE;
        int afterKill = 0;
        int afterKillAnswered = 0;
        int total = 0;
        int answered = 0;
        for (Map.Entry<Long, Long> e : sentAt.entrySet()) {
            total++;
            Long at = answeredAt.get(e.getKey());
            if (at != null) {
                answered++;
            }
            if (e.getValue() > killedAt && killedPartitions.contains(partition(e.getKey()))) {
                afterKill++;
                if (at != null) {
                    afterKillAnswered++;
                    firstAnswer = Math.min(firstAnswer, at);
                }
            }
        }
        double movedS = movedAt < 0 ? Double.NaN : (movedAt - killedAt) / 1e9;
        double firstS = firstAnswer == Long.MAX_VALUE ? Double.NaN : (firstAnswer - killedAt) / 1e9;
        log("  takeover: survivors own all %d partitions %.2f s after the kill; the killed replica's partitions %s "
                + "(from the group's members before and after); first answer to a case of one of them, sent after the "
                + "kill, %.2f s after the kill (%d/%d such cases answered); %d/%d accepted cases answered in all; %d "
                + "webhooks not accepted (sent to the killed replica at the kill)", PARTITIONS, movedS,
                killedPartitions, firstS, afterKillAnswered, afterKill, answered, total, notAccepted.sum());
        results.put("bridge", "takeover_partitions_s", round, movedS);
        results.put("bridge", "takeover_first_answer_s", round, firstS);
        results.put("bridge", "takeover_victim_partitions", round, killedPartitions.isEmpty() ? victimOwned
                : killedPartitions.size());
        results.put("bridge", "takeover_unanswered", round, total - answered);
        results.put("bridge", "takeover_session_timeout_ms", round, settings.sessionTimeoutMs);
    }

    /** The partition the bridge's producer picks for a case: the default partitioner on the String key. */
    static int partition(long caseId) {
        return Utils.toPositive(Utils.murmur2(Long.toString(caseId).getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static Map<String, Set<Integer>> assignment(Admin admin, String group) throws Exception {
        Map<String, Set<Integer>> members = new HashMap<>();
        for (MemberDescription m : admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS)
                .get(group).members()) {
            Set<Integer> parts = new HashSet<>();
            for (TopicPartition tp : m.assignment().topicPartitions()) {
                parts.add(tp.partition());
            }
            members.put(m.consumerId(), parts);
        }
        return members;
    }

    private static void awaitAssigned(List<Replica> replicas, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            boolean ok = true;
            double sum = 0;
            for (Replica r : replicas) {
                double owned = r.metric("bridge_kafka_partitions_owned");
                ok &= r.ready() && owned > 0;
                sum += owned;
            }
            if (ok && sum == PARTITIONS) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("replicas not ready / partitions not assigned within " + seconds
                + " s: owned " + owned(replicas) + "; see the logs in the run directory");
    }

    private static String owned(List<Replica> replicas) {
        List<String> parts = new ArrayList<>();
        for (Replica r : replicas) {
            parts.add(r.label + "=" + (int) r.metric("bridge_kafka_partitions_owned"));
        }
        return String.join(" ", parts);
    }

    private static KafkaClusterTestKit startKafka() throws Exception {
        // as the tests' KafkaBroker: one combined KRaft broker + controller, no fsync per message
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }

    private static void closeAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // shutting down anyway
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ report

    /** The Markdown table: per replica count, median (min–max) over the windows / rounds of the results file. */
    private static String table(String out, List<Integer> counts) throws IOException {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(out))) {
            String[] f = line.split("\t");
            if (f.length == 5 && f[0].startsWith("cluster-n")) {
                values.computeIfAbsent(f[0] + "/" + f[2], k -> new ArrayList<>()).add(Double.parseDouble(f[4]));
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("| replicas | replies/s at saturation | replicas' CPU per case, ms | answer p50 / p99 at saturation, ms "
                + "| answer p50 / p99 at the fixed rate, ms | unanswered at the fixed rate | replicas' CPU when idle, "
                + "cores |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (int n : counts) {
            String k = "cluster-n" + n + "/";
            b.append("| ").append(n).append(" | ").append(cell(values.get(k + "sat_replies_per_s")))
                    .append(" | ").append(cell(values.get(k + "sat_cpu_ms_per_case")))
                    .append(" | ").append(cell(values.get(k + "sat_p50_ms"))).append(" / ")
                    .append(cell(values.get(k + "sat_p99_ms")))
                    .append(" | ").append(cell(values.get(k + "fixed_p50_ms"))).append(" / ")
                    .append(cell(values.get(k + "fixed_p99_ms")))
                    .append(" | ").append(cell(values.get(k + "fixed_unanswered")))
                    .append(" | ").append(cell(values.get(k + "idle_cores"))).append(" |\n");
        }
        b.append("\n| replicas before the kill | partitions the killed replica owned | survivors own all 12 "
                + "partitions after, s | first answer to one of its cases after, s | accepted cases never answered |\n");
        b.append("|---|---|---|---|---|\n");
        for (int n : counts) {
            String k = "cluster-n" + n + "/";
            if (values.containsKey(k + "takeover_partitions_s")) {
                b.append("| ").append(n).append(" | ").append(cell(values.get(k + "takeover_victim_partitions")))
                        .append(" | ").append(cell(values.get(k + "takeover_partitions_s")))
                        .append(" | ").append(cell(values.get(k + "takeover_first_answer_s")))
                        .append(" | ").append(cell(values.get(k + "takeover_unanswered"))).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String cell(List<Double> v) {
        if (v == null || v.isEmpty()) {
            return "–";
        }
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return n == 1 ? num(median) : num(median) + " (" + num(s.get(0)) + "–" + num(s.get(n - 1)) + ")";
    }

    private static String num(double d) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        double abs = Math.abs(d);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f", d);
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    // ------------------------------------------------------------------------------------------------ processes

    private record Settings(String jar, Path runDir, String jvmFlags, int consumers, int sessionTimeoutMs,
            String authorCheck, int burstWindowMs) {}

    private record Env(String brokers, String topic, String group, String redisUrl, int stubPort) {}

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One replica: the packaged jar in a process of its own, cluster mode set through the environment. */
    private static final class Replica implements AutoCloseable {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        final String label;
        final int port;
        final int mgmt;
        final Process process;

        private Replica(String label, int port, int mgmt, Process process) {
            this.label = label;
            this.port = port;
            this.mgmt = mgmt;
            this.process = process;
        }

        static Replica start(Settings s, Env env, String label) throws IOException {
            int port = freePort();
            int mgmt = freePort();
            Path data = s.runDir().resolve("data-cluster-" + label);
            Files.createDirectories(data);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String f : s.jvmFlags().trim().split("\\s+")) {
                if (!f.isEmpty()) {
                    command.add(f);
                }
            }
            command.addAll(List.of("-Dcamel.server.host=127.0.0.1", "-Dcamel.server.port=" + port,
                    "-Dcamel.management.host=127.0.0.1", "-Dcamel.management.port=" + mgmt,
                    "-Dbridge.data-dir=" + data, "-jar", s.jar()));
            ProcessBuilder b = new ProcessBuilder(command);
            Map<String, String> e = b.environment();
            e.put("OMNIDESK_BASE_URL", "http://127.0.0.1:" + env.stubPort());
            e.put("OMNIDESK_STAFF_EMAIL", "bot@bench.invalid");
            e.put("OMNIDESK_API_KEY", "bench-api-key");
            e.put("OMNIDESK_BOT_STAFF_ID", Long.toString(StubOmnidesk.BOT_STAFF_ID));
            e.put("OMNIDESK_BOT_LABEL_ID", Long.toString(StubOmnidesk.BOT_LABEL_ID));
            e.put("WEBHOOK_SECRET", SECRET);
            e.put("OMNIDESK_REQUESTS_PER_MINUTE", "10000000");   // the stub has no limit
            e.put("WEBHOOK_AUTHOR_CHECK", s.authorCheck());
            e.put("DIALOG_BURST_WINDOW_MS", Integer.toString(s.burstWindowMs()));
            e.put("BOT_JOIN_REPLIES", "false");                    // greeting + answer: the tracker expects 2
            e.put("BRIDGE_INTAKE", "kafka");
            e.put("KAFKA_BROKERS", env.brokers());
            e.put("KAFKA_TOPIC", env.topic());
            e.put("KAFKA_PARTITIONS", Integer.toString(PARTITIONS));
            e.put("KAFKA_GROUP_ID", env.group());
            e.put("KAFKA_CONSUMERS", Integer.toString(s.consumers()));
            e.put("KAFKA_SESSION_TIMEOUT_MS", Integer.toString(s.sessionTimeoutMs()));
            e.put("BUDGET_STORE", "redis");
            e.put("REDIS_URL", env.redisUrl());
            b.redirectErrorStream(true).redirectOutput(s.runDir().resolve("bridge-cluster-" + label + ".log").toFile());
            return new Replica(label, port, mgmt, b.start());
        }

        long pid() {
            return process.pid();
        }

        String webhookUrl() {
            return "http://127.0.0.1:" + port + "/webhooks/omnidesk/" + SECRET;
        }

        private HttpResponse<String> management(String path) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mgmt + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        boolean ready() {
            if (!process.isAlive()) {
                throw new IllegalStateException("replica " + label + " exited (exit code " + process.exitValue()
                        + "); see its log in the run directory");
            }
            HttpResponse<String> r = management("/observe/health/ready");
            return r != null && r.statusCode() == 200;
        }

        /** A gauge or counter from /observe/metrics, summed over its series; -1 when it cannot be read. */
        double metric(String name) {
            HttpResponse<String> r = management("/observe/metrics");
            if (r == null || r.statusCode() != 200) {
                return -1;
            }
            double sum = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        }

        /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, the group learns it from the timeout. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();   // SIGTERM, as Kubernetes stops a pod
                if (!process.waitFor(25, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** A real redis-server on a free port, nothing persisted (the shared Omnidesk budget of budget.store=redis). */
    private static final class Redis implements AutoCloseable {

        final int port;
        final Process process;

        private Redis(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Redis start(Path log) throws Exception {
            int port = freePort();
            ProcessBuilder b = new ProcessBuilder(List.of(System.getProperty("bench.redis-server",
                    "/usr/bin/redis-server"), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--daemonize", "no"));
            b.redirectErrorStream(true).redirectOutput(log.toFile());
            Redis redis = new Redis(port, b.start());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!redis.answers()) {
                if (System.nanoTime() > deadline || !redis.process.isAlive()) {
                    redis.close();
                    throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
                }
                Thread.sleep(20);
            }
            return redis;
        }

        String url() {
            return "redis://127.0.0.1:" + port + "/0";
        }

        private boolean answers() {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(1000);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] answer = new byte[7];
                int n = socket.getInputStream().read(answer);
                return n > 0 && new String(answer, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
