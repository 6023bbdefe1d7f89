package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playground's "reload scenario" ({@code POST /sandbox/scenario/reload}): a scenario author edits the file, the
 * bridge answers with the edit from the next message on; a broken edit is refused with its line, and the last good
 * scenario keeps answering.
 */
class ScenarioReloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEditAnswersAtOnceAndABrokenOneIsRefusedWithItsLine() throws Exception {
        Path scenario = Files.createTempFile("scenario", ".yaml");
        String original;
        try (var in = getClass().getResourceAsStream("/scenario/default-scenario.yaml")) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(scenario, original);
        RunningBridge bridge = RunningBridge.start(Map.of("bot.scenario", scenario.toString()));
        try {
            long first = bridge.sandbox().createCase("Здравствуйте", "Иван", "").caseId();
            await().atMost(Duration.ofSeconds(20)).until(() -> !bridge.botMessages(first).isEmpty());
            assertThat(bridge.botMessages(first).get(0)).contains("Я бот-помощник магазина");

            Files.writeString(scenario, original.replace("Я бот-помощник магазина", "Я обновлённый бот"));
            HttpResponse<String> reloaded = reload(bridge);
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(reloaded.body()).path("bot").asText()).contains(scenario.toString(), "intents");
            long second = bridge.sandbox().createCase("Здравствуйте", "Пётр", "").caseId();
            await().atMost(Duration.ofSeconds(20)).until(() -> !bridge.botMessages(second).isEmpty());
            assertThat(bridge.botMessages(second).get(0)).contains("Я обновлённый бот");

            Files.writeString(scenario, original.replace("{name|гость}", "{nmae|гость}"));
            HttpResponse<String> refused = reload(bridge);
            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.path("error").asText()).isEqualTo("invalid_scenario");
            assertThat(error.path("message").asText()).contains(scenario.getFileName().toString(), "nmae", "line");
            long third = bridge.sandbox().createCase("Здравствуйте", "Анна", "").caseId();
            await().atMost(Duration.ofSeconds(20)).until(() -> !bridge.botMessages(third).isEmpty());
            assertThat(bridge.botMessages(third).get(0)).contains("Здравствуйте, Анна! Я обновлённый бот");
        } finally {
            bridge.close();
            Files.deleteIfExists(scenario);
        }
    }

    private static HttpResponse<String> reload(RunningBridge bridge) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(bridge.sandbox().baseUrl() + "/sandbox/scenario/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
