package dev.omnibridge.bot.engine;

import static dev.omnibridge.bot.engine.Conversations.WAIT;
import static dev.omnibridge.bot.engine.Conversations.awaitBotMessages;
import static dev.omnibridge.bot.engine.Conversations.awaitNotes;
import static dev.omnibridge.bot.engine.EngineEndToEndContract.FALLBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.RunningBridge;
import dev.omnibridge.bot.engine.FakeEngine.Request;
import dev.omnibridge.bot.engine.FakeEngine.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine call of routes/bot-engine.yaml (camel-http, redelivery, the circuit breaker, the fail-safe) through the
 * running bridge: the sandbox Omnidesk fires its rules, the bridge asks a fake generic engine over real HTTP, and
 * what the engine received and what the customer and the operator got is checked. The engine misbehaves as the
 * customer's message says.
 */
class EngineRouteTest {

    /** What the customer typed: the generic contract's text. */
    private static String text(Request request) {
        return request.method().equals("POST") ? request.json().path("text").asText() : "";
    }

    /** Waits for what the bridge made of a new case: the engine's reply, or the fail-safe's note (after the apology). */
    private static void awaitOutcome(RunningBridge bridge, long caseId) {
        await().atMost(WAIT).until(() -> !bridge.notes(caseId).isEmpty()
                || bridge.botMessages(caseId).stream().anyMatch(m -> !m.equals(FALLBACK)));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Calls {

        static final int TIMEOUT_MS = 500;

        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private FakeEngine engine;
        private RunningBridge bridge;

        @BeforeAll
        void start() {
            engine = FakeEngine.start(this::answer);
            bridge = RunningBridge.start(Map.of(
                    "bot.type", "generic",
                    "bot.http.url", engine.url("/bot"),
                    "bot.http.timeout-ms", Integer.toString(TIMEOUT_MS),
                    "bot.http.retries", "2",
                    "bot.http.retry-delay-ms", "10",
                    "bot.http.token", "key-1",
                    "bot.http.token-header", "X-Api-Key",
                    "bot.fallback.breaker-failures", "0"));
        }

        @AfterAll
        void stop() {
            bridge.close();
            engine.close();
        }

        private Response answer(Request request) {
            String text = text(request);
            int call = calls.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
            return switch (text) {
                case "flaky" -> call == 1 ? Response.raw(503, "text/plain", "busy") : ok(text);
                case "error 502" -> Response.raw(502, "text/plain", "bad gateway");
                case "missing" -> Response.raw(404, "application/json", "{\"error\":\"no\"}");
                case "moved" -> Response.raw(302, "text/plain", "");
                case "html" -> Response.raw(200, "text/html", "<html><body>Customer Ivan Petrov</body></html>");
                case "cut json" -> Response.json("{\"replies\": [\"tru");
                case "empty" -> Response.raw(200, "application/json", "");
                case "two json" -> Response.json("{\"a\":1} {\"b\":2}");
                case "list" -> Response.json("[1, 2]");
                case "big" -> Response.json("{\"replies\":[\"" + "x".repeat(2 * 1024 * 1024) + "\"]}");
                case "slow" -> Response.hang();
                default -> ok(text);
            };
        }

        private static Response ok(String text) {
            return Response.json(Map.of("replies", List.of("ok: " + text)));
        }

        private long requests(String text) {
            return engine.requests(r -> text(r).equals(text)).size();
        }

        /** The customer's first message fails: the apology, and the operator's note saying why. */
        private String failedTurn(String text) {
            long caseId = bridge.sandbox().createCase(text, "Ivan", "").caseId();
            String note = awaitNotes(bridge, caseId, 1).get(0);
            assertThat(bridge.botMessages(caseId)).containsExactly(FALLBACK);
            assertThat(note).contains("bot-unavailable");
            return note;
        }

        @Test
        void aCallCarriesTheJsonAndTheCredentialsAndNothingElse() {
            long caseId = bridge.sandbox().createCase("Привет", "Ivan", "").caseId();

            assertThat(awaitBotMessages(bridge, caseId, 1)).containsExactly("ok: Привет");
            Request request = engine.requests(r -> text(r).equals("Привет")).get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/bot");
            assertThat(request.json().path("case_id").asLong()).isEqualTo(caseId);
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.header("Accept")).isEqualTo("application/json");
            assertThat(request.header("User-Agent")).isEqualTo("omnidesk-bot-bridge");
            assertThat(request.header("X-Api-Key")).isEqualTo("key-1");
            assertThat(request.header("Authorization")).isNull();
            // nothing of the webhook, of Omnidesk's calls or of Camel goes to the engine
            assertThat(request.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("camel"))
                    .allMatch(h -> List.of("accept", "accept-encoding", "connection", "content-length",
                            "content-type", "host", "transfer-encoding", "user-agent", "x-api-key")
                            .contains(h.toLowerCase()));
        }

        @Test
        void serverErrorsAreRetriedThenTheAnswerArrives() {
            long caseId = bridge.sandbox().createCase("flaky", "", "").caseId();

            assertThat(awaitBotMessages(bridge, caseId, 1)).containsExactly("ok: flaky");
            assertThat(requests("flaky")).isEqualTo(2);
        }

        @Test
        void retriesAreBounded() {
            assertThat(failedTurn("error 502")).contains("bot unavailable: generic engine - HTTP 502 (3 attempts)");
            assertThat(requests("error 502")).isEqualTo(3);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "missing, HTTP 404",
                "moved, HTTP 302",
                "html, answer is not JSON (text/html)",
                "cut json, answer is not JSON (application/json)",
                "empty, empty answer (HTTP 200)",
                "two json, answer is not JSON (application/json)",
                "list, answer is not a JSON object",
                "big, answer larger than 1048576 bytes"})
        void clientErrorsRedirectsAndBrokenAnswersAreNotRetried(String text, String why) {
            String note = failedTurn(text);

            assertThat(note).contains("bot unavailable: generic engine - " + why)
                    .doesNotContain("attempts").doesNotContain("Ivan Petrov");
            assertThat(requests(text)).isEqualTo(1);
        }

        @Test
        void aSlowEngineTimesOutOnEveryAttempt() {
            assertThat(failedTurn("slow"))
                    .contains("bot unavailable: generic engine - no answer within " + TIMEOUT_MS + " ms (3 attempts)");
            assertThat(requests("slow")).isEqualTo(3);
        }

        @Test
        @Order(Integer.MAX_VALUE)
        void anEngineThatIsDownFailsAfterItsRetries() {
            engine.close();

            assertThat(failedTurn("Привет снова"))
                    .contains("bot unavailable: generic engine - cannot connect (engine down or unreachable) "
                            + "(3 attempts)");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Breaker {

        static final String BASIC = "Basic " + Base64.getEncoder()
                .encodeToString("bridge:pa:ss".getBytes(StandardCharsets.UTF_8));

        private final AtomicBoolean failing = new AtomicBoolean(true);
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger probes = new AtomicInteger();
        private FakeEngine engine;
        private RunningBridge bridge;

        @BeforeAll
        void start() {
            engine = FakeEngine.start(r -> {
                calls.incrementAndGet();
                if (!BASIC.equals(r.header("Authorization"))) {
                    return Response.raw(401, "application/json", "{}");
                }
                return failing.get() ? Response.raw(500, "text/plain", "down")
                        : Response.json(Map.of("replies", List.of("ok")));
            });
            bridge = RunningBridge.start(Map.of(
                    "bot.type", "generic",
                    "bot.http.url", engine.url("/bot"),
                    "bot.http.retries", "0",
                    "bot.http.username", "bridge",
                    "bot.http.password", "pa:ss",
                    "bot.fallback.breaker-failures", "2",
                    "bot.fallback.breaker-open-seconds", "3"));
        }

        @AfterAll
        void stop() {
            bridge.close();
            engine.close();
        }

        /** A new case, handled to the end: its note if it failed ("" if the engine answered). */
        private String turn() {
            long caseId = bridge.sandbox().createCase("probe " + probes.incrementAndGet(), "", "").caseId();
            awaitOutcome(bridge, caseId);
            List<String> notes = bridge.notes(caseId);
            return notes.isEmpty() ? "" : notes.get(0);
        }

        @Test
        void theBreakerStopsCallingAFailingEngineForAWhileThenTriesItAgain() {
            assertThat(turn()).contains("bot unavailable: generic engine - HTTP 500");
            assertThat(turn()).contains("bot unavailable: generic engine - HTTP 500");
            assertThat(calls).hasValue(2);
            assertThat(engine.requests().get(0).header("Authorization")).isEqualTo(BASIC);

            String paused = turn();
            assertThat(paused).contains("bot unavailable: generic engine - not called: it failed 2 times in a row "
                    + "(paused for 3 s)");
            assertThat(calls).hasValue(2);

            // once bot.fallback.breaker-open-seconds have passed, one turn tries the engine: it fails, so the breaker
            // opens again at once
            await().atMost(Duration.ofSeconds(15)).until(() -> turn().contains("HTTP 500"));
            assertThat(calls).hasValue(3);
            assertThat(turn()).contains("not called");
            assertThat(calls).hasValue(3);

            // the engine is back: the next trial closes the breaker, and every message reaches it again
            failing.set(false);
            await().atMost(Duration.ofSeconds(15)).until(() -> turn().isEmpty());
            assertThat(calls).hasValue(4);
            assertThat(turn()).isEmpty();
            assertThat(turn()).isEmpty();
            assertThat(calls).hasValue(6);
        }
    }
}
