package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.setup.SetupCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer sees with {@code java -jar bridge.jar sandbox}, as the README tells it: counters at 0 before anything
 * happened, a green {@code check --sandbox}, the bridge's answer to each rule webhook, a first-message handoff without
 * a greeting, a note that names its time zone — and readiness that follows the webhook.
 */
class FirstTryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningBridge bridge;

    @BeforeAll
    static void start() {
        // as `java -jar … sandbox` runs: both variants, Telegram on the sandbox's
        bridge = RunningBridge.start(Map.of("sandbox.telegram", "true"));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void countersAreThereAtZeroBeforeAnythingHappenedAndEveryBridgeMeterNamesTheContext() {
        String metrics = bridge.management("/observe/metrics").body();

        for (String series : List.of("bridge_webhooks_received_total", "bridge_replies_sent_total",
                "bridge_handoffs_failed_total", "bridge_turns_failed_total", "bridge_omnidesk_already_delivered_total",
                "bridge_customer_messages_relayed_total", "bridge_operator_replies_relayed_total")) {
            assertThat(metrics).containsPattern("(?m)^" + series + "\\{camelContext=\"[^\"]+\"} 0\\.0$");
        }
        for (String reason : List.of("requested", "not-understood", "bot-unavailable", "operator-took-over")) {
            assertThat(metrics).containsPattern("(?m)^bridge_handoffs_total\\{[^}]*reason=\"" + reason + "\"[^}]*} ");
        }
        assertThat(metrics).containsPattern("(?m)^bridge_messages_dropped_total\\{[^}]*reason=\"echo\"");
        assertThat(metrics).containsPattern("(?m)^bridge_webhooks_rejected_total\\{[^}]*reason=\"forbidden\"");
        Matcher unlabelled = Pattern.compile("(?m)^bridge_\\w+(\\{(?![^}]*camelContext=)[^}]*})? ").matcher(metrics);
        assertThat(unlabelled.find()).as("a bridge meter without the camelContext label: %s",
                unlabelled.find(0) ? unlabelled.group() : "").isFalse();
    }

    @Test
    void checkAgainstTheRunningSandboxIsAllGreen() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = SetupCommands.run(new String[] {"check", "--sandbox", "--sandbox.port=" + bridge.setting("sandbox.port")},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report).contains("[ OK ] credentials", "[ OK ] bot staff member", "[ OK ] bot label",
                "[ OK ] webhook secret", "[ OK ] public URL", "[ OK ] custom channel", "[ OK ] telegram token",
                "All checks passed.");
        assertThat(report).doesNotContain("[WARN]", "[FAIL]", bridge.sandbox().apiKey(), RunningBridge.SECRET,
                bridge.sandbox().telegram().token());
    }

    @Test
    void checkWithoutASandboxSaysHowToStartOne() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = SetupCommands.run(new String[] {"check", "--sandbox", "--sandbox.port=" + RunningBridge.freePort()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("Cannot check the sandbox: no sandbox")
                .contains("java -jar bridge.jar sandbox").doesNotContain("\n");
    }

    @Test
    void theSandboxShowsItsAccountAndTheBridgesAnswerToEachWebhook() throws Exception {
        JsonNode about = JSON.readTree(get(bridge.sandbox().baseUrl() + "/sandbox").body());
        assertThat(about.get("api_key").asText()).isEqualTo(bridge.sandbox().apiKey());
        assertThat(about.get("webhook_url").asText()).isEqualTo(bridge.webhookUrl(RunningBridge.SECRET)
                + "?case_id=[case_id]");

        long caseId = bridge.sandbox().createCase("Где мой заказ 123456?", "Иван", "").caseId();
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.botMessages(caseId).size() == 1);

        JsonNode hooks = JSON.readTree(get(bridge.sandbox().baseUrl() + "/sandbox/webhooks").body());
        JsonNode first = null;
        for (JsonNode hook : hooks) {
            if (hook.get("case_id").asLong() == caseId && hook.get("rule").asText().equals("new-case")) {
                first = hook;
            }
        }
        assertThat(first).isNotNull();
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("answer").asText()).isEqualTo("{\"result\":\"ok\"}");
    }

    @Test
    void aFirstMessageAskingForAnOperatorIsHandedOverWithoutAGreetingAndTheNoteNamesItsZone() {
        long caseId = bridge.sandbox().createCase("Позовите оператора", "Иван", "").caseId();
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.notes(caseId).size() == 1);

        assertThat(bridge.botMessages(caseId)).singleElement().asString()
                .startsWith("Передаю ваш вопрос оператору").doesNotContain("Чем могу помочь", "Здравствуйте");
        assertThat(bridge.notes(caseId).get(0)).contains("Transcript (Europe/Moscow, UTC+03:00):")
                .contains("] Customer: Позовите оператора");
    }

    @Test
    void readinessIsDownWhileTheWebhookIsClosedAndUpOnceItIsOpen() throws Exception {
        assertThat(bridge.management("/observe/health/ready").statusCode()).isEqualTo(200);
        try {
            // The state of a bridge still putting the last run's webhooks back into their lanes.
            bridge.context().getRouteController().stopRoute("omnidesk-webhook");

            HttpResponse<String> closed = bridge.management("/observe/health/ready");
            assertThat(closed.statusCode()).isEqualTo(503);
            assertThat(closed.body()).contains("DOWN");
            assertThat(bridge.management("/observe/health/live").statusCode()).isEqualTo(200);
        } finally {
            bridge.context().getRouteController().startRoute("omnidesk-webhook");
        }
        assertThat(bridge.management("/observe/health/ready").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
