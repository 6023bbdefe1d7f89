package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real {@code main} in its own process: outside sandbox mode, missing settings stop it with one clear line that
 * names them, and settings given as environment variables count.
 */
class StartupRefusalTest {

    @Test
    void missingSettingsAreNamedInOneLineAndTheProcessExits() throws Exception {
        Result result = runMain(Map.of());

        assertThat(result.exitCode).isNotZero();
        List<String> lines = result.output.lines().filter(l -> l.contains("Cannot start")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("omnidesk.base-url (OMNIDESK_BASE_URL)", "omnidesk.api-key",
                "omnidesk.staff-email", "omnidesk.bot-staff-id", "omnidesk.bot-label-id", "webhook.secret");
        assertThat(result.output).doesNotContain("\tat ");
    }

    @Test
    void environmentVariablesFillSettings() throws Exception {
        Result result = runMain(Map.of(
                "OMNIDESK_BASE_URL", "https://acme.omnidesk.ru",
                "OMNIDESK_STAFF_EMAIL", "bot@acme.example",
                "OMNIDESK_API_KEY", "env-api-key-value",
                "OMNIDESK_BOT_STAFF_ID", "12",
                "OMNIDESK_BOT_LABEL_ID", "x12"));

        assertThat(result.exitCode).isNotZero();
        String line = result.output.lines().filter(l -> l.contains("Cannot start")).findFirst().orElseThrow();
        assertThat(line).contains("webhook.secret (WEBHOOK_SECRET) is missing",
                "omnidesk.bot-label-id (OMNIDESK_BOT_LABEL_ID) must be a numeric Omnidesk id");
        assertThat(line).doesNotContain("OMNIDESK_BASE_URL", "OMNIDESK_API_KEY) is missing");
        assertThat(result.output).doesNotContain("env-api-key-value");
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryRefusesAndTheFirstGoesOn() throws Exception {
        try (RunningBridge first = RunningBridge.start()) {
            long caseId = first.sandbox().createCase("Здравствуйте", "", "").caseId();
            await().atMost(Duration.ofSeconds(20)).until(() -> first.botMessages(caseId).size() == 1);

            long started = System.nanoTime();
            Result second = runMain(Map.of(), first.dataDir(), "sandbox");

            assertThat(second.exitCode).isNotZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            List<String> lines = second.output.lines().filter(l -> l.contains("Cannot start")).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains(first.dataDir().toAbsolutePath().toString(), "in use",
                    "pid " + ProcessHandle.current().pid());
            assertThat(second.output).doesNotContain("\tat ");
            // The first bridge still owns its journal and answers.
            assertThat(first.dataDir().resolve("intake")).isDirectory();
            first.sandbox().customerWrites(caseId, "доставка");
            await().atMost(Duration.ofSeconds(20)).until(() -> first.botMessages(caseId).size() == 2);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result runMain(Map<String, String> env) throws IOException, InterruptedException {
        return runMain(env, Files.createTempDirectory("bridge-main-data"));
    }

    private static Result runMain(Map<String, String> env, Path dataDir, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("bridge-main", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dbridge.data-dir=" + dataDir,
                "-Dcamel.server.port=" + RunningBridge.freePort(),
                "-Dcamel.management.port=" + RunningBridge.freePort(),
                "-Dsandbox.port=" + RunningBridge.freePort(),
                BridgeMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("OMNIDESK_") || k.startsWith("WEBHOOK_")
                || k.startsWith("SANDBOX_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the bridge did not exit:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
