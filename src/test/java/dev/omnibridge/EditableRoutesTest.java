package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Behaviour changed without a rebuild: route files and the scenario loaded from a directory (a mounted ConfigMap),
 * with an engineer's extra step, instead of the jar's copies.
 */
class EditableRoutesTest {

    @Test
    void routesAndScenarioFromADirectoryRunTheHappyPath() throws IOException {
        Path dir = Files.createTempDirectory("bridge-routes");
        try (Stream<Path> routes = Files.list(Path.of("src/main/resources/routes"))) {
            for (Path file : routes.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        // The engineer's change: count every bot turn under a metric of their own.
        Path botTurn = dir.resolve("bot-turn.yaml");
        String edited = Files.readString(botTurn).replace(
                "        - to: \"micrometer:counter:bridge.bot.turns\"\n",
                "        - to: \"micrometer:counter:bridge.bot.turns\"\n"
                        + "        - to: \"micrometer:counter:acme.custom.step\"\n");
        assertThat(edited).contains("acme.custom.step");
        Files.writeString(botTurn, edited);
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, """
                greeting: "Привет из смонтированного сценария, {name|гость}!"
                intents:
                  - id: operator
                    handoff: true
                    keywords: [оператор*]
                    reply: "Зову оператора."
                misunderstood:
                  handoff-after: 0
                  reply: "Не понял."
                """);

        try (RunningBridge bridge = RunningBridge.start(Map.of(
                "camel.main.routes-include-pattern", "file:" + dir + "/*.yaml",
                "bot.scenario", scenario.toString()))) {
            long caseId = bridge.sandbox().createCase("Здравствуйте", "Olga", "").caseId();

            await().atMost(Duration.ofSeconds(20)).until(() -> !bridge.botMessages(caseId).isEmpty());
            assertThat(bridge.botMessages(caseId).get(0)).isEqualTo("Привет из смонтированного сценария, Olga!");
            bridge.awaitMetric("acme_custom_step_total", null, 1);
        }
    }
}
