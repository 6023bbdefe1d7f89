package dev.omnibridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.RunningBridge;
import dev.omnibridge.sandbox.RecordedCall;
import dev.omnibridge.sandbox.SandboxCase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Faults injected into the sandbox Omnidesk; what the customer ends up seeing in the case. */
class DeliveryGuaranteesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADMIN_TOKEN = "admin-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void transientServerErrorsAreRetriedAndTheReplyArrivesOnce() {
        try (RunningBridge bridge = RunningBridge.start(Map.of("omnidesk.retry.max-attempts", "6"))) {
            bridge.sandbox().faults().failNext(3, 500);

            SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "Ivan", "");

            await().atMost(WAIT).until(() -> bridge.botMessages(created.caseId()).size() == 1);
            bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", 1);
            assertThat(bridge.botMessages(created.caseId())).hasSize(1);
            assertThat(bridge.sandbox().apiCalls()).filteredOn(c -> c.status() == 500).hasSize(3);
        }
    }

    @Test
    void outageLongerThanTheRetriesEndsInADeadLetterThatIsReplayedOnce() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("omnidesk.retry.max-attempts", "2",
                "admin.token", ADMIN_TOKEN))) {
            long caseId = greetedCase(bridge);
            bridge.sandbox().faults().failNextWrites(1000, 503); // the case can be read; replies fail

            bridge.sandbox().customerWrites(caseId, "сколько идёт доставка?");

            bridge.awaitMetric("bridge_dead_letters_parked_total", null, 1);
            HttpResponse<String> listing = admin(bridge, "GET", "/admin/dead-letters", ADMIN_TOKEN);
            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(listing.body()).contains("\"count\":1", "\"operation\":\"reply\"", "503");
            assertThat(admin(bridge, "GET", "/admin/dead-letters", null).statusCode()).isEqualTo(401);
            assertThat(admin(bridge, "GET", "/admin/dead-letters", "wrong-token").statusCode()).isEqualTo(401);

            bridge.sandbox().faults().reset();
            HttpResponse<String> replay = admin(bridge, "POST", "/admin/dead-letters/replay", ADMIN_TOKEN);

            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.body()).contains("\"delivered\":1", "\"remaining\":0");
            assertThat(bridge.botMessages(caseId)).hasSize(2);
            assertThat(bridge.botMessages(caseId).get(1)).contains("Доставляем");
            // A second replay finds nothing to do: delivered once.
            assertThat(admin(bridge, "POST", "/admin/dead-letters/replay", ADMIN_TOKEN).body())
                    .contains("\"replayed\":0");
            assertThat(bridge.botMessages(caseId)).hasSize(2);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3})
    void maxAttemptsIsTheNumberOfAttemptsInAll(int maxAttempts) throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("omnidesk.retry.max-attempts", String.valueOf(maxAttempts),
                "admin.token", ADMIN_TOKEN))) {
            long caseId = greetedCase(bridge);
            String messages = "/api/cases/" + caseId + "/messages.json";

            // A reply that keeps failing: tried maxAttempts times, then parked as a dead letter.
            bridge.sandbox().faults().failNextWrites(100, 500);
            bridge.sandbox().customerWrites(caseId, "доставка");
            bridge.awaitMetric("bridge_dead_letters_parked_total", null, 1);
            assertThat(bridge.sandbox().apiCalls()).filteredOn(c -> c.method().equals("POST")
                    && c.path().equals(messages) && c.status() == 500).hasSize(maxAttempts);
            assertThat(admin(bridge, "GET", "/admin/dead-letters", ADMIN_TOKEN).body())
                    .contains("\"attempts\":" + maxAttempts);

            // A read that keeps failing: tried maxAttempts times, then the webhooks are parked.
            bridge.sandbox().faults().reset().failNext(100, 500);
            bridge.sandbox().customerWrites(caseId, "оплата");
            bridge.awaitMetric("bridge_dead_letters_parked_total", null, 2);
            assertThat(bridge.sandbox().apiCalls()).filteredOn(c -> c.method().equals("GET")
                    && c.path().equals(messages) && c.status() == 500).hasSize(maxAttempts);
        }
    }

    @Test
    void permanentClientErrorIsNotRetriedAndIsParkedWithItsReason() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("admin.token", ADMIN_TOKEN))) {
            long caseId = greetedCase(bridge);
            bridge.sandbox().faults().failNextWrites(1, 422);

            bridge.sandbox().customerWrites(caseId, "доставка");

            bridge.awaitMetric("bridge_dead_letters_parked_total", null, 1);
            List<RecordedCall> posts = bridge.sandbox().apiCalls().stream()
                    .filter(c -> c.method().equals("POST") && c.path().equals("/api/cases/" + caseId + "/messages.json"))
                    .toList();
            assertThat(posts).extracting(RecordedCall::status).containsExactly(201, 422);
            assertThat(admin(bridge, "GET", "/admin/dead-letters", ADMIN_TOKEN).body()).contains("422");
        }
    }

    @Test
    void aWriteParkedInTheMiddleOfATurnStillLetsTheTurnFinish() {
        try (RunningBridge bridge = RunningBridge.start(Map.of("admin.token", ADMIN_TOKEN))) {
            long caseId = greetedCase(bridge);
            // An operator writes: the bot steps back and takes its label off, and that edit is refused for good.
            bridge.sandbox().faults().failNextWrites(1, 422);

            bridge.sandbox().operatorWrites(caseId, "Добрый день, это Анна.");

            bridge.awaitMetric("bridge_dead_letters_parked_total", null, 1);
            // The turn still ended: its webhooks are done with (nothing left to replay at the next start), and the
            // case's next webhook is handled, not stuck behind it.
            await().atMost(WAIT).until(() -> bridge.metric("bridge_intake_pending", null) == 0);
            double dropped = bridge.metric("bridge_messages_dropped_total", "reason=\"operator\"");
            bridge.sandbox().customerWrites(caseId, "Спасибо, Анна");
            bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"operator\"", dropped + 1);
        }
    }

    @Test
    void replyWhoseAnswerTimedOutIsCheckedAndNotSentTwice() {
        try (RunningBridge bridge = RunningBridge.start(Map.of(
                "omnidesk.response-timeout-ms", "1000",
                "omnidesk.retry.initial-delay-ms", "4000",
                "omnidesk.retry.max-attempts", "3"))) {
            long caseId = greetedCase(bridge);
            bridge.sandbox().faults().slowWrites(1, Duration.ofMillis(2500));

            bridge.sandbox().customerWrites(caseId, "доставка");

            // Omnidesk took the reply after the bridge had given up waiting for the answer.
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
            bridge.sandbox().faults().reset();
            bridge.awaitMetric("bridge_omnidesk_already_delivered_total", null, 1);
            // The retry looked at the case, found the answer there, and sent nothing more.
            assertThat(bridge.botMessages(caseId)).hasSize(2);
            assertThat(bridge.sandbox().apiCalls()).anyMatch(
                    c -> c.method().equals("GET") && c.path().equals("/api/cases/" + caseId + "/messages.json"));
        }
    }

    @Test
    void backlogStaysWithinTheAccountBudgetWithoutA429() {
        int limit = 20;
        try (RunningBridge bridge = RunningBridge.start(Map.of(
                "omnidesk.requests-per-minute", String.valueOf(limit),
                "omnidesk.rate-window-seconds", "4"))) {
            bridge.sandbox().faults().rateLimit(limit, Duration.ofSeconds(4));
            List<Long> cases = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                cases.add(bridge.sandbox().createCase(i % 4 == 0 ? "позовите оператора" : "Здравствуйте", "", "")
                        .caseId());
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> cases.stream()
                    .allMatch(id -> !bridge.botMessages(id).isEmpty()));
            await().atMost(Duration.ofSeconds(90)).until(() -> cases.stream().filter(id -> !bridge.notes(id).isEmpty())
                    .count() == 2);

            // The backlog needed more than one window of budget, and Omnidesk never had to refuse a call.
            int units = bridge.sandbox().apiCalls().stream().mapToInt(c -> c.isWrite() ? 2 : 1).sum();
            assertThat(units).isGreaterThan(limit);
            assertThat(bridge.sandbox().apiCalls()).extracting(RecordedCall::status).doesNotContain(429);
        }
    }

    private static long greetedCase(RunningBridge bridge) {
        long caseId = bridge.sandbox().createCase("Здравствуйте", "", "").caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);
        return caseId;
    }

    static HttpResponse<String> admin(RunningBridge bridge, String method, String path, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + bridge.setting("camel.server.port") + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
