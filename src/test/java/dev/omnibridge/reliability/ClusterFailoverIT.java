package dev.omnibridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.KafkaBroker;
import dev.omnibridge.RedisProcess;
import dev.omnibridge.RunningBridge;
import dev.omnibridge.sandbox.RecordedCall;
import dev.omnibridge.sandbox.SandboxMessage;
import dev.omnibridge.sandbox.SandboxOmnidesk;
import dev.omnibridge.sandbox.SandboxSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode, as it runs in production: two replicas of the packaged jar behind one webhook address (a failover
 * proxy standing in for the Service), an in-process Kafka broker, a real redis-server for the shared budget, and the
 * sandbox Omnidesk with a per-minute limit the load has to respect. Customers write in many cases at once; one replica
 * is killed (SIGKILL) in the middle; later the survivor is killed right after Omnidesk stored a reply and before the
 * replica could commit it. Every webhook that got a 200 is answered exactly once, in the customer's order, without a
 * single 429, and the survivor takes over within the documented time.
 */
class ClusterFailoverIT {

    /** The README's figure: kafka.session-timeout-ms (6 s) plus the group's rebalance. */
    private static final Duration DOCUMENTED_TAKEOVER = Duration.ofSeconds(15);
    private static final int LIMIT_PER_MINUTE = 240;
    private static final int CASES = 16;
    private static final List<String> QUESTIONS = List.of("Здравствуйте! Где мой заказ?",
            "Сколько стоит доставка?", "Как оформить возврат?", "Можно оплатить картой?");
    private static final String TOPIC = "omnidesk-webhooks";

    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<Long> created = new CopyOnWriteArrayList<>();
    private SandboxOmnidesk sandbox;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void twoReplicasAnswerEveryAcceptedWebhookOnceThroughAKillAndAHaltBeforeTheCommit() throws Exception {
        KafkaBroker kafka = keep(KafkaBroker.start());
        RedisProcess redis = keep(RedisProcess.start());
        sandbox = keep(SandboxOmnidesk.start(SandboxSettings.builder().host("127.0.0.1")
                .port(RunningBridge.freePort()).rateLimitPerWindow(LIMIT_PER_MINUTE).build()));
        FailoverProxy proxy = keep(FailoverProxy.start());
        Map<String, String> cluster = Map.of("BRIDGE_INTAKE", "kafka", "KAFKA_BROKERS", kafka.bootstrapServers(),
                "KAFKA_TOPIC", TOPIC, "KAFKA_PARTITIONS", "12", "KAFKA_CONSUMERS", "3", "BUDGET_STORE", "redis",
                "REDIS_URL", redis.url(), "OMNIDESK_REQUESTS_PER_MINUTE", Integer.toString(LIMIT_PER_MINUTE));

        BridgeProcess a = replica(cluster);
        BridgeProcess b = replica(cluster);
        sandbox.setWebhookUrl(proxy.url() + "/webhooks/omnidesk/" + BridgeProcess.SECRET + "?case_id=[case_id]");
        proxy.backends(a.baseUrl(), b.baseUrl());
        await().atMost(Duration.ofSeconds(60)).until(() -> ready(a) && ready(b)
                && a.metric("bridge_kafka_partitions_owned") + b.metric("bridge_kafka_partitions_owned") == 12
                && a.metric("bridge_kafka_partitions_owned") > 0);

        // Customers in CASES cases at once, each writing the next question once the bot answered the last one.
        ExecutorService customers = Executors.newFixedThreadPool(CASES);
        List<Future<Long>> cases = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            int customer = c;
            cases.add(customers.submit(() -> converse(customer)));
        }
        // Mid-load: a third of the answers are out, and replica a dies without a word.
        await().atMost(Duration.ofSeconds(120)).until(() -> botAnswers() >= CASES * QUESTIONS.size() / 3);
        long killedAt = System.nanoTime();
        a.kill();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> b.metric("bridge_kafka_partitions_owned") == 12);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        List<Long> caseIds = new ArrayList<>();
        for (Future<Long> conversation : cases) {
            caseIds.add(conversation.get(180, TimeUnit.SECONDS));
        }
        customers.shutdown();

        // Deterministic: b stores a reply in Omnidesk, its answer does not come back, and b is halted right then,
        // before the record's offset is committed. Replica c gets every partition and consumes that record again.
        long halted = sandbox.createCase("Здравствуйте", "Last customer", "").caseId();
        await().atMost(Duration.ofSeconds(60)).until(() -> botMessages(halted).size() == 1);
        sandbox.faults().lateAnswers(1, Duration.ofMinutes(5));
        sandbox.customerWrites(halted, "Сколько стоит доставка?");
        await().atMost(Duration.ofSeconds(60)).until(() -> botMessages(halted).size() == 2);
        b.kill();
        proxy.backends();
        BridgeProcess c = replica(cluster);
        proxy.backends(c.baseUrl());
        await().atMost(Duration.ofSeconds(60)).until(() -> ready(c)
                && c.metric("bridge_kafka_partitions_owned") == 12
                && kafka.lag(TOPIC, "omnidesk-bot-bridge") == 0);
        assertThat(c.metric("bridge_kafka_records_replayed_total")).isGreaterThanOrEqualTo(1);
        assertThat(botMessages(halted)).as("the reply stored before the halt is not sent again").hasSize(2);
        caseIds.add(halted);

        // While one replica lived, the one address took every webhook (the kill cost none); every webhook that got a
        // 200 was answered exactly once, in the customer's order. (The halted case's echo of its reply found no
        // replica at all and was refused: an echo, nothing to answer.)
        assertThat(sandbox.webhookDeliveries()).filteredOn(d -> caseIds.contains(d.caseId()) && d.caseId() != halted)
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
        for (long caseId : caseIds) {
            assertThat(authors(caseId)).as("case %d: each customer message answered once, in order", caseId)
                    .isEqualTo(alternating(caseId == halted ? 2 : QUESTIONS.size()));
        }
        // One budget for both replicas: Omnidesk never had to refuse a call, the limit held in each of its minutes.
        List<RecordedCall> calls = sandbox.apiCalls();
        assertThat(calls).noneMatch(call -> call.status() == 429);
        assertThat(calls).allMatch(call -> call.callsLeft() >= 0);
        assertThat(takeover).isLessThanOrEqualTo(DOCUMENTED_TAKEOVER);
        System.out.printf("cluster proof: %d cases, %d answers, %d API calls, takeover %d ms, %d failovers%n",
                caseIds.size(), botAnswers(), calls.size(), takeover.toMillis(), proxy.failovers());
    }

    /** One customer's conversation: the questions one after the other, each once the last one is answered. */
    private long converse(int customer) {
        long caseId = sandbox.createCase(QUESTIONS.get(0), "Customer " + customer, "").caseId();
        created.add(caseId);
        for (int i = 1; i < QUESTIONS.size(); i++) {
            int answered = i;
            await().atMost(Duration.ofSeconds(90)).until(() -> botMessages(caseId).size() >= answered);
            sandbox.customerWrites(caseId, QUESTIONS.get(i));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> botMessages(caseId).size() >= QUESTIONS.size());
        return caseId;
    }

    private BridgeProcess replica(Map<String, String> cluster) throws Exception {
        Path data = Files.createTempDirectory("cluster-replica");
        BridgeProcess replica = new BridgeProcess(sandbox, data, Map.of("kafka.session-timeout-ms", "6000"))
                .fromJar(Path.of(System.getProperty("bridge.jar"))).withEnvironment(cluster);
        running.add(replica);
        return replica.start();
    }

    private static boolean ready(BridgeProcess replica) {
        HttpResponse<String> answer = replica.management("/observe/health/ready");
        return answer != null && answer.statusCode() == 200;
    }

    private int botAnswers() {
        return created.stream().mapToInt(id -> botMessages(id).size()).sum();
    }

    private List<SandboxMessage> botMessages(long caseId) {
        return sandbox.messages(caseId).stream()
                .filter(m -> !m.note() && m.staffId() == sandbox.botStaffId()).toList();
    }

    /** "C" for a customer message, "B" for the bot's, oldest first. */
    private String authors(long caseId) {
        StringBuilder authors = new StringBuilder();
        for (SandboxMessage m : sandbox.messages(caseId)) {
            if (!m.note()) {
                authors.append(m.staffId() == sandbox.botStaffId() ? "B" : m.staffId() == 0 ? "C" : "?");
            }
        }
        return authors.toString();
    }

    private static String alternating(int turns) {
        return "CB".repeat(turns);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }
}
