package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.cluster.PartitionAssignmentCheck;
import dev.omnibridge.cluster.PartitionOwnership;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.health.HealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real bridge with bridge.intake=kafka on a real (in-process) Kafka broker: webhooks go through the topic, the
 * customer is answered, offsets are committed after the turn, readiness waits for the partitions.
 */
class KafkaIntakeTest {

    private static final String ADMIN_TOKEN = "admin-token-0123456789";
    private static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private static Map<String, String> cluster(String topic) {
        return Map.of("bridge.intake", "kafka", "kafka.brokers", kafka.bootstrapServers(), "kafka.topic", topic,
                "kafka.partitions", "6", "kafka.group-id", topic + "-group", "kafka.consumers", "2");
    }

    @Test
    void aCustomerIsAnsweredThroughTheTopicAndTheOffsetIsCommittedAfterTheTurn() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(cluster("intake-a"))) {
            assertThat(kafka.partitions("intake-a")).isEqualTo(6);   // made by the bridge, as kafka.partitions says
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.management("/observe/health/ready")
                    .statusCode() == 200);

            long caseId = bridge.sandbox().createCase("Здравствуйте", "Ivan", "").caseId();
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.botMessages(caseId).size() == 1);
            bridge.sandbox().customerWrites(caseId, "Где мой заказ?");
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.botMessages(caseId).size() == 2);

            // every record answered or dropped (the greeting's echo) and committed: nothing left for a replay
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.lag("intake-a", "intake-a-group") == 0);
            assertThat(bridge.botMessages(caseId)).hasSize(2);
            assertThat(bridge.metric("bridge_kafka_partitions_owned", null)).isEqualTo(6);
            assertThat(bridge.management("/observe/health/ready?exposureLevel=full").body())
                    .contains("{\"name\":\"kafka-partitions\",\"status\":\"UP\"}");
        }
    }

    @Test
    void recordsConsumedAgainAfterTheirEffectsAreCheckedAgainstTheCaseAndNotAnsweredTwice() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(cluster("intake-b"))) {
            long caseId = bridge.sandbox().createCase("Здравствуйте", "Ivan", "").caseId();
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.botMessages(caseId).size() == 1);
            bridge.sandbox().customerWrites(caseId, "Где мой заказ?");
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.botMessages(caseId).size() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.lag("intake-b", "intake-b-group") == 0);
            List<String> answered = bridge.botMessages(caseId);

            // What a replica that died between its replies and its commits leaves: the same records, uncommitted.
            bridge.context().getRouteController().stopRoute("kafka-lanes");
            try (Admin admin = kafka.admin()) {
                Map<TopicPartition, OffsetAndMetadata> fromStart = new HashMap<>();
                for (int p = 0; p < 6; p++) {
                    fromStart.put(new TopicPartition("intake-b", p), new OffsetAndMetadata(0));
                }
                admin.alterConsumerGroupOffsets("intake-b-group", fromStart).all().get(10, TimeUnit.SECONDS);
            }
            bridge.context().getRouteController().startRoute("kafka-lanes");

            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.lag("intake-b", "intake-b-group") == 0
                    && bridge.metric("bridge_kafka_records_replayed_total", null) >= 3);
            // the new owner read the case before each of them: nobody is greeted or answered twice
            assertThat(bridge.botMessages(caseId)).isEqualTo(answered);
            assertThat(bridge.metric("bridge_messages_dropped_total", "duplicate")
                    + bridge.metric("bridge_messages_dropped_total", "echo")).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void webhooksParkedInRedisAreReplayedThroughTheTopicAndAnsweredOnce() throws Exception {
        Map<String, String> settings = new HashMap<>(cluster("intake-e"));
        try (RedisProcess redis = RedisProcess.start()) {
            settings.putAll(Map.of("redis.url", redis.url(), "admin.token", ADMIN_TOKEN,
                    "omnidesk.retry.max-attempts", "2"));
            try (RunningBridge bridge = RunningBridge.start(settings)) {
                // Omnidesk cannot be read while a new case comes in: its webhooks are parked, in Redis
                bridge.sandbox().faults().failNext(10, 500);
                long caseId = bridge.sandbox().createCase("Здравствуйте", "Ivan", "").caseId();
                await().atMost(Duration.ofSeconds(30)).until(() -> admin(bridge, "GET", "/admin/dead-letters").body()
                        .contains("\"operation\":\"webhooks\""));
                bridge.sandbox().faults().reset();
                RedisClient client = RedisClient.create(redis.url());
                try (var connection = client.connect()) {
                    assertThat(connection.sync().keys("omnibridge:dead-letters:*")).hasSize(1);
                } finally {
                    client.shutdown();
                }

                double replayedBefore = bridge.metric("bridge_kafka_records_replayed_total", null);
                assertThat(admin(bridge, "POST", "/admin/dead-letters/replay").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> bridge.botMessages(caseId).size() == 1
                        && kafka.lag("intake-e", "intake-e-group") == 0);
                // back through the topic, as recovered records: the case was read first
                assertThat(bridge.metric("bridge_kafka_records_replayed_total", null)).isGreaterThan(replayedBefore);
                assertThat(admin(bridge, "GET", "/admin/dead-letters").body()).contains("\"count\":0");
                assertThat(bridge.botMessages(caseId)).hasSize(1);
            }
        }
    }

    private static HttpResponse<String> admin(RunningBridge bridge, String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bridge.setting("camel.server.port") + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessIsDownUntilTheGroupHasAssignedThePartitions() {
        PartitionAssignmentCheck check = new PartitionAssignmentCheck();
        check.setIntake("kafka");
        try (RunningBridge bridge = RunningBridge.start(cluster("intake-d"))) {
            check.setCamelContext(bridge.context());
            await().atMost(Duration.ofSeconds(30)).until(() -> check.call().getState() == HealthCheck.State.UP);
            // a bridge whose consumers have not been given partitions yet (its ownership knows of no assignment)
            bridge.context().getRegistry().bind("subscribeAdapter", new PartitionOwnership());
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(check.call().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("assign"));
        }
    }

    @Test
    void aWebhookTheBrokerCannotTakeIsRefusedWith503() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(cluster("intake-c"))) {
            kafka.close();
            try {
                HttpResponse<String> answer = bridge.postWebhook(RunningBridge.SECRET, null,
                        RunningBridge.ruleBody(4242, "Привет"));
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            } finally {
                kafka = KafkaBroker.start();
            }
        }
    }
}
