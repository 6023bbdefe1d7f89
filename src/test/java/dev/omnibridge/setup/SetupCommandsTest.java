package dev.omnibridge.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.sandbox.SandboxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line: arguments, and settings read like the bridge reads them (environment included). */
class SetupCommandsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults();

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SetupCommands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkTakesSettingsFromKeyValueArguments() {
        Run run = run("check", "--omnidesk.base-url=" + sandbox.get().baseUrl(),
                "--omnidesk.staff-email=" + sandbox.get().staffEmail(), "--omnidesk.api-key=" + sandbox.get().apiKey(),
                "--omnidesk.bot-staff-email=" + sandbox.get().staffEmail(), "--omnidesk.bot-label-name=bot",
                "--webhook.secret=" + SandboxAccount.SECRET, "--bridge.public-url=https://bot.example.com");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("[ OK ] bot label: \"bot\" (id 200)", "All checks passed.")
                .doesNotContain(sandbox.get().apiKey());
    }

    @Test
    void setupReadsApplicationPropertiesAndArguments() {
        Run run = run("setup", "--mask", "--bridge.public-url=https://bot.example.com");

        // application.properties leaves webhook.secret empty (unless the environment sets it): masked either way.
        assertThat(run.out()).contains("https://bot.example.com/webhooks/omnidesk/<webhook.secret>?case_id=[case_id]",
                SetupGuide.NEW_CASE_BODY, SetupGuide.UPDATED_CASE_BODY);
    }

    @Test
    void badArgumentsPrintUsageWithExitCode2WithoutEchoingValues() {
        Run unknown = run("check", "--mask");
        Run stray = run("check", "--omnidesk.api-key", "some-api-key-value");
        Run none = run();

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown argument for check: --mask", "Usage:");
        assertThat(stray.exitCode()).isEqualTo(2);
        assertThat(stray.err()).doesNotContain("some-api-key-value");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(run("setup", "--help").out()).contains("Usage:");
    }

    @Test
    void checkInItsOwnProcessReadsTheEnvironment() throws Exception {
        Map<String, String> env = Map.of(
                "OMNIDESK_BASE_URL", sandbox.get().baseUrl(),
                "OMNIDESK_STAFF_EMAIL", sandbox.get().staffEmail(),
                "OMNIDESK_API_KEY", sandbox.get().apiKey(),
                "OMNIDESK_BOT_STAFF_EMAIL", sandbox.get().staffEmail(),
                "OMNIDESK_BOT_LABEL_NAME", "bot",
                "OMNIDESK_OPERATOR_GROUP_NAME", "Support",
                "WEBHOOK_SECRET", SandboxAccount.SECRET,
                "BRIDGE_PUBLIC_URL", "https://bot.example.com");

        Process result = process(env, "check");
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(result.exitValue()).as(output).isZero();
        assertThat(output).startsWith("Omnidesk account check — " + sandbox.get().baseUrl())
                .contains("[ OK ] bot staff member: \"Bot\"", "(id 1001)", "[ OK ] bot label: \"bot\" (id 200)",
                        "[ OK ] operator group: \"Support\" (id 10)", "All checks passed.")
                .doesNotContain(sandbox.get().apiKey());
    }

    @Test
    void checkInItsOwnProcessWithAWrongKeyExits1() throws Exception {
        Map<String, String> env = Map.of(
                "OMNIDESK_BASE_URL", sandbox.get().baseUrl(),
                "OMNIDESK_STAFF_EMAIL", sandbox.get().staffEmail(),
                "OMNIDESK_API_KEY", "env-wrong-api-key",
                "WEBHOOK_SECRET", SandboxAccount.SECRET);

        Process result = process(env, "check");
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(result.exitValue()).isEqualTo(1);
        assertThat(output).contains("[FAIL] credentials rejected").doesNotContain("env-wrong-api-key");
    }

    private Path log;

    private Process process(Map<String, String> env, String... args) throws IOException, InterruptedException {
        log = Files.createTempFile("setup-command", ".log");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.omnibridge.BridgeMain")); // the real entry point, as java -jar runs it
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("OMNIDESK_") || k.startsWith("WEBHOOK_")
                || k.startsWith("BRIDGE_") || k.startsWith("SANDBOX_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not exit:\n" + Files.readString(log));
        }
        return process;
    }
}
