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
    void telegramWithoutItsSettingsIsRefusedInTheSameLine() throws Exception {
        Result result = runMain(Map.of(
                "OMNIDESK_BASE_URL", "https://acme.omnidesk.ru",
                "OMNIDESK_STAFF_EMAIL", "bot@acme.example",
                "OMNIDESK_API_KEY", "env-api-key-value",
                "OMNIDESK_BOT_STAFF_ID", "12",
                "OMNIDESK_BOT_LABEL_ID", "13",
                "WEBHOOK_SECRET", "env-secret-0123456789",
                "TELEGRAM_ENABLED", "true",
                "OMNIDESK_CUSTOM_CHANNEL", "Telegram",
                "TELEGRAM_MODE", "webhook",
                "TELEGRAM_WEBHOOK_SECRET", "short"));

        assertThat(result.exitCode).isNotZero();
        List<String> lines = result.output.lines().filter(l -> l.contains("Cannot start")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("telegram.token (TELEGRAM_TOKEN) is missing",
                "omnidesk.custom-channel (OMNIDESK_CUSTOM_CHANNEL) must be the channel's key, like cch12",
                "telegram.webhook-secret (TELEGRAM_WEBHOOK_SECRET) must be 16-256",
                "bridge.public-url (BRIDGE_PUBLIC_URL) must be the bridge's https:// address in webhook mode");
        assertThat(result.output).doesNotContain("env-api-key-value", "env-secret-0123456789", "\tat ");
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
    void aSharedBudgetWithoutRedisUrlIsRefusedInOneLine() throws Exception {
        long started = System.nanoTime();
        Result result = runMain(Map.of("BUDGET_STORE", "redis"), Files.createTempDirectory("bridge-budget"), "sandbox");

        assertThat(result.exitCode).isNotZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        List<String> lines = result.output.lines().filter(l -> l.contains("Cannot start")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("redis.url (REDIS_URL) is missing (budget.store=redis)");
        assertThat(result.output).doesNotContain("\tat ", "Webhook intake is open");

        Result malformed = runMain(Map.of("BUDGET_STORE", "redis", "REDIS_URL", "redis://:pw-0123456789@host:notaport"),
                Files.createTempDirectory("bridge-budget"), "sandbox");
        assertThat(malformed.exitCode).isNotZero();
        assertThat(malformed.output.lines().filter(l -> l.contains("Cannot start")).toList()).singleElement()
                .asString().contains("redis.url (REDIS_URL) must look like redis://host:6379/0");
        assertThat(malformed.output).doesNotContain("pw-0123456789", "\tat ");
    }

    @Test
    void theClusterIntakeWithoutItsBrokersOrWithTelegramIsRefusedInOneLine() throws Exception {
        Result result = runMain(Map.of("BRIDGE_INTAKE", "kafka", "KAFKA_PARTITIONS", "0", "TELEGRAM_ENABLED", "true",
                "TELEGRAM_TOKEN", "123:abc", "OMNIDESK_CUSTOM_CHANNEL", "cch1"),
                Files.createTempDirectory("bridge-cluster"), "sandbox");

        assertThat(result.exitCode).isNotZero();
        List<String> lines = result.output.lines().filter(l -> l.contains("Cannot start")).toList();
        assertThat(lines).singleElement().asString()
                .contains("kafka.brokers (KAFKA_BROKERS) is missing (bridge.intake=kafka)")
                .contains("kafka.partitions (KAFKA_PARTITIONS) must be a number from 1 to 9999")
                .contains("telegram.enabled=true needs bridge.intake=file");
        assertThat(result.output).doesNotContain("\tat ", "Webhook intake is open", "123:abc");

        Result unknown = runMain(Map.of("BRIDGE_INTAKE", "zookeeper"), Files.createTempDirectory("bridge-cluster"),
                "sandbox");
        assertThat(unknown.output.lines().filter(l -> l.contains("Cannot start")).toList()).singleElement()
                .asString().contains("bridge.intake (BRIDGE_INTAKE) must be file or kafka, not 'zookeeper'");
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

    @Test
    void aPortInUseStopsTheStartInOneLineInSandboxAndNormalMode() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            int port = taken.getLocalPort();
            for (String[] mode : List.of(new String[] {"sandbox"}, new String[0])) {
                long started = System.nanoTime();
                Result result = runMainOnPort(Map.of(), Files.createTempDirectory("bridge-port"),
                        "-Dcamel.server.port=" + port, mode);

                assertThat(result.exitCode).as("exit code, mode %s", List.of(mode)).isNotZero();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
                List<String> lines = result.output.lines().filter(l -> l.contains("Cannot start")).toList();
                assertThat(lines).hasSize(1);
                assertThat(lines.get(0)).contains("port " + port + " (camel.server.port) is in use");
                assertThat(result.output).doesNotContain("\tat ", "Webhook intake is open");
            }
        }
    }

    @Test
    void aScenarioWithATypoStopsTheSandboxInOneLine() throws Exception {
        Path scenario = Files.createTempFile("scenario", ".yaml");
        Files.writeString(scenario, "greeting: \"hi {nmae}\"\nmisunderstood:\n  reply: \"?\"\n");
        long started = System.nanoTime();
        Result result = runMain(Map.of(), Files.createTempDirectory("bridge-scenario"), "sandbox",
                "--bot.scenario=" + scenario);

        assertThat(result.exitCode).isNotZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        List<String> lines = result.output.lines().filter(l -> l.startsWith("Cannot start")).toList();
        assertThat(lines).containsExactly("Cannot start: " + scenario + ": greeting: unknown placeholder '{nmae}' "
                + "(known: {name}, {email}, {phone}, {visitor_id}, {text}) (line 1)");
        assertThat(result.output).doesNotContain("\tat ", "Exception in thread");
    }

    @Test
    void helpListsTheCommands() throws Exception {
        for (String arg : List.of("help", "--help")) {
            Result result = runMain(Map.of(), Files.createTempDirectory("bridge-help"), arg);
            assertThat(result.exitCode).isZero();
            assertThat(result.output).contains("sandbox", "setup", "check --sandbox", "validate FILE", "try FILE", "--key=value", "README")
                    .doesNotContain("Apache Camel Runner");
        }
    }

    @Test
    void aSettingAfterTheJarIsASetting() throws Exception {
        int port = RunningBridge.freePort();
        Path log = Files.createTempFile("bridge-args", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dbridge.data-dir=" + Files.createTempDirectory("bridge-args-data"),
                "-Dcamel.management.port=" + RunningBridge.freePort(),
                BridgeMain.class.getName(), "sandbox", "--camel.server.port=" + port,
                "--sandbox.port=" + RunningBridge.freePort());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            // the webhook answers on the port given after the jar (403: no such secret)
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest probe = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + port + "/webhooks/omnidesk/wrong-secret-0123456789"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(probe,
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 403);
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        Result refused = runMain(Map.of(), Files.createTempDirectory("bridge-args"), "sandbox", "--no-such-flag");
        assertThat(refused.exitCode).isNotZero();
        assertThat(refused.output).contains("Unknown argument: --no-such-flag");
    }

    private record Result(int exitCode, String output) {}

    private static Result runMain(Map<String, String> env) throws IOException, InterruptedException {
        return runMain(env, Files.createTempDirectory("bridge-main-data"));
    }

    private static Result runMain(Map<String, String> env, Path dataDir, String... args)
            throws IOException, InterruptedException {
        return runMainOnPort(env, dataDir, "-Dcamel.server.port=" + RunningBridge.freePort(), args);
    }

    private static Result runMainOnPort(Map<String, String> env, Path dataDir, String serverPort, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("bridge-main", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dbridge.data-dir=" + dataDir,
                serverPort,
                "-Dcamel.management.port=" + RunningBridge.freePort(),
                "-Dsandbox.port=" + RunningBridge.freePort(),
                BridgeMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("OMNIDESK_") || k.startsWith("WEBHOOK_")
                || k.startsWith("SANDBOX_") || k.startsWith("REDIS_") || k.startsWith("BUDGET_"));
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
