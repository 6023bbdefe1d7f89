package dev.omnibridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.omnibridge.RunningBridge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Whatever arrives at the webhook: a 2xx or a 4xx, never a 5xx, a stack trace, a crash or a leaked secret. */
class HostileInputTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RunningBridge bridge;
    static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() {
        logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
        bridge = RunningBridge.start();
    }

    @AfterAll
    static void stop() {
        bridge.close();
        root().detachAppender(logs);
    }

    @Test
    void oversizedBodyIs413AndWrongMethodIs405() throws Exception {
        String huge = RunningBridge.ruleBody(1, "x".repeat(70_000));
        assertThat(post(huge, "application/json").statusCode()).isEqualTo(413);
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.webhookUrl(RunningBridge.SECRET)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void otherContentTypesOmnideskMightSendAreAccepted() throws Exception {
        long caseId = greetedCase();
        bridge.customerWritesWithoutRule(caseId, "доставка");
        assertThat(post(RunningBridge.ruleBody(caseId, "доставка"), "text/plain").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
        bridge.customerWritesWithoutRule(caseId, "спасибо");
        assertThat(post(RunningBridge.ruleBody(caseId, "спасибо"), "").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 3);
    }

    @Test
    void malformedBodiesAreRefusedWithShortJsonErrors() throws Exception {
        for (String bad : List.of("", "   ", "[]", "[1,2]", "\"text\"", "123", "null", "{}", "[".repeat(60_000),
                "{\"chat_id\": {\"a\": 1}}", "{\"chat_id\": 99999999999999999999999}")) {
            HttpResponse<String> response = post(bad, "application/json");
            assertThat(response.statusCode()).as("status for %.40s", bad).isEqualTo(400);
            assertThat(response.body()).startsWith("{\"error\":").doesNotContain("Exception", "\tat ");
        }
        byte[] invalidUtf8 = RunningBridge.ruleBody(1, "x").replace("x", "\u0001").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length / 2] = (byte) 0xC3; // a lone UTF-8 lead byte
        int status = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.webhookUrl(RunningBridge.SECRET)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(status).isBetween(200, 499);
    }

    @Test
    void numbersWhereStringsBelongAreTolerated() throws Exception {
        long caseId = greetedCase();
        bridge.customerWritesWithoutRule(caseId, "12345");
        String body = "{\"event\":\"new_message\",\"message\":{\"kind\":\"visitor\",\"text\":12345},"
                + "\"visitor\":{\"id\":77,\"fields\":{\"name\":42}},\"chat_id\":\"" + caseId + "\"}";
        assertThat(post(body, "application/json").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
    }

    @Test
    void randomMutationsOfRealBodiesNeverCauseA5xxOrAReplyToGarbage() throws Exception {
        // An operator-owned case: whatever of the fuzz is accepted reaches the router, and no bot reply may follow.
        long target = greetedCase();
        bridge.sandbox().customerWrites(target, "оператор");
        await().atMost(WAIT).until(() -> !bridge.notes(target).isEmpty());
        Random random = new Random(20261125L);
        String seed = RunningBridge.ruleBody(target, "He said \"hi\" \\ здравствуйте 👋\nвторая строка");
        String alphabet = "\"\\{}[],:\n\t\u0000\u0007abc 0123456789ёЁ👋\uD800";
        List<Integer> statuses = new ArrayList<>();
        int iterations = Integer.getInteger("http.fuzz.iterations", 300);
        for (int i = 0; i < iterations; i++) {
            StringBuilder mutated = new StringBuilder(seed);
            for (int m = 0, n = 1 + random.nextInt(6); m < n; m++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> mutated.deleteCharAt(at);
                    default -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            statuses.add(post(mutated.toString(), "application/json").statusCode());
        }
        assertThat(statuses).allMatch(s -> s == 200 || s == 400);
        // The bridge still works, and the operator's case got nothing from the bot.
        long probe = greetedCase();
        assertThat(bridge.botMessages(probe)).hasSize(1);
        assertThat(bridge.botMessages(target)).hasSize(2); // the greeting and "an operator will answer"
    }

    @Test
    void secretsNeverReachTheLogs() throws Exception {
        long caseId = greetedCase();
        bridge.customerWritesWithoutRule(caseId, "оператор");
        post(RunningBridge.ruleBody(caseId, "оператор"), "application/json");
        await().atMost(WAIT).until(() -> !bridge.notes(caseId).isEmpty());
        HTTP.send(HttpRequest.newBuilder(URI.create(bridge.webhookUrl("wrong-" + RunningBridge.SECRET)))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        String apiKey = bridge.sandbox().apiKey();
        List<String> lines = new ArrayList<>(logs.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).noneMatch(l -> l.contains(RunningBridge.SECRET)).noneMatch(l -> l.contains(apiKey));
    }

    private static long greetedCase() {
        long caseId = bridge.sandbox().createCase("Здравствуйте", "", "").caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);
        return caseId;
    }

    private static HttpResponse<String> post(String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bridge.webhookUrl(RunningBridge.SECRET)));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
