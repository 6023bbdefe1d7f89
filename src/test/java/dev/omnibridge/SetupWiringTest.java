package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.sandbox.SandboxCase;
import dev.omnibridge.setup.SettingValues;
import dev.omnibridge.setup.SetupGuide;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The setup feature wired into BridgeMain and BridgeStartup (see SHARED-CHANGES.md). */
class SetupWiringTest {

    @Test
    void namesAreResolvedAtStartUp() {
        try (RunningBridge bridge = RunningBridge.start(Map.of("omnidesk.operator-group-name", "bot",
                "omnidesk.operator-label-name", "Operator"))) {
            assertThat(bridge.context().getPropertiesComponent().resolveProperty("omnidesk.operator-group-id"))
                    .contains("11");
            assertThat(bridge.context().getPropertiesComponent().resolveProperty("omnidesk.operator-label-id"))
                    .contains("201");
        }
    }

    @Test
    void anUnknownNameStopsTheStart() {
        assertThatThrownBy(() -> RunningBridge.start(Map.of("omnidesk.operator-group-name", "Sales")))
                .hasStackTraceContaining("Cannot start: omnidesk.operator-group-name \"Sales\": no group of that name");
    }

    @Test
    void theJarRunsSetupInsteadOfTheBridge() throws Exception {
        Path log = Files.createTempFile("bridge-setup", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                BridgeMain.class.getName(), "setup", "--bridge.public-url=https://bot.example.com",
                "--webhook.secret=0123456789abcdef0123");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).startsWith("Omnidesk setup for the bot bridge")
                .contains("https://bot.example.com/webhooks/omnidesk/0123456789abcdef0123?case_id=[case_id]",
                        SetupGuide.NEW_CASE_BODY, SetupGuide.UPDATED_CASE_BODY);
    }

    @Test
    void theRuleUrlReachesTheRunningBridge() {
        try (RunningBridge bridge = RunningBridge.start()) {
            Map<String, String> settings = new HashMap<>();
            settings.put("bridge.public-url", "http://127.0.0.1:" + bridge.setting("camel.server.port"));
            settings.put("webhook.secret", RunningBridge.SECRET);
            String url = SetupGuide.render(SettingValues.of(settings), false).text().lines()
                    .filter(l -> l.startsWith("    http://")).findFirst().orElseThrow().strip();
            // The sandbox's rules now post to exactly what an administrator would type.
            bridge.sandbox().setWebhookUrl(url);

            SandboxCase created = bridge.sandbox().createCase("Привет", "Ivan", "ivan@example.com");

            await().atMost(Duration.ofSeconds(20)).until(() -> !bridge.botMessages(created.caseId()).isEmpty());
            assertThat(bridge.sandbox().webhookDeliveries()).isNotEmpty()
                    .allSatisfy(d -> {
                        assertThat(d.url()).endsWith("?case_id=" + created.caseId());
                        assertThat(d.status()).isEqualTo(200);
                    });
        }
    }
}
