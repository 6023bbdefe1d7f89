package dev.omnibridge.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.BridgeMain;
import dev.omnibridge.RunningBridge;
import dev.omnibridge.sandbox.SandboxOmnidesk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The bridge in a process of its own, pointed at a sandbox Omnidesk that lives in the test (so that killing the
 * bridge does not kill Omnidesk). Same data directory and ports across restarts, like a pod that comes back.
 */
final class BridgeProcess implements AutoCloseable {

    static final String SECRET = RunningBridge.SECRET;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxOmnidesk sandbox;
    private final Path dataDir;
    private final int serverPort;
    private final int managementPort;
    private final Map<String, String> extra;
    private final Path log;
    private Process process;
    private boolean telegram;
    private Path jar;
    private final Map<String, String> environment = new java.util.LinkedHashMap<>();

    BridgeProcess(SandboxOmnidesk sandbox, Path dataDir, Map<String, String> extra) throws IOException {
        this.sandbox = sandbox;
        this.dataDir = dataDir;
        this.serverPort = RunningBridge.freePort();
        this.managementPort = RunningBridge.freePort();
        this.extra = extra;
        this.log = Files.createTempFile("bridge-process", ".log");
        sandbox.setWebhookUrl(webhookUrl() + "?case_id=[case_id]");
    }

    /**
     * Variant 2 as well: the sandbox's Telegram and custom channel, the token and the switch given through the
     * environment (TELEGRAM_TOKEN, TELEGRAM_ENABLED, …) as a deployment would.
     */
    BridgeProcess withTelegram() {
        telegram = true;
        sandbox.setChannelWebhookUrl("http://127.0.0.1:" + serverPort + "/webhooks/omnidesk-channel/" + SECRET);
        sandbox.setCaseClosedWebhookUrl("http://127.0.0.1:" + serverPort + "/webhooks/omnidesk-channel/" + SECRET);
        return this;
    }

    /** The packaged jar ({@code java -jar}, as a container runs it) instead of the test's classpath. */
    BridgeProcess fromJar(Path jar) {
        this.jar = jar;
        return this;
    }

    /** Settings given through the environment (BRIDGE_INTAKE=kafka, ...), as a deployment gives them. */
    BridgeProcess withEnvironment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** http://127.0.0.1:port of the webhook server. */
    String baseUrl() {
        return "http://127.0.0.1:" + serverPort;
    }

    /** A GET on the management port (health, metrics); status and body, or status 0 when nothing answers. */
    HttpResponse<String> management(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A gauge or counter from the Prometheus endpoint (summed over its series); -1 when it cannot be read. */
    double metric(String name) {
        HttpResponse<String> answer = management("/observe/metrics");
        if (answer == null || answer.statusCode() != 200) {
            return -1;
        }
        double sum = 0;
        for (String line : answer.body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    String webhookUrl() {
        return "http://127.0.0.1:" + serverPort + "/webhooks/omnidesk/" + SECRET;
    }

    BridgeProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-Dbridge.data-dir=" + dataDir,
                "-Dcamel.server.host=127.0.0.1",
                "-Dcamel.server.port=" + serverPort,
                "-Dcamel.management.host=127.0.0.1",
                "-Dcamel.management.port=" + managementPort));
        extra.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (jar != null) {
            command.removeAll(List.of("-cp", System.getProperty("java.class.path")));
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.add(BridgeMain.class.getName());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        // Credentials go through the environment, as in production.
        builder.environment().put("OMNIDESK_BASE_URL", sandbox.baseUrl());
        builder.environment().put("OMNIDESK_STAFF_EMAIL", sandbox.staffEmail());
        builder.environment().put("OMNIDESK_API_KEY", sandbox.apiKey());
        builder.environment().put("OMNIDESK_BOT_STAFF_ID", String.valueOf(sandbox.botStaffId()));
        builder.environment().put("OMNIDESK_BOT_LABEL_ID", String.valueOf(sandbox.botLabelId()));
        builder.environment().put("WEBHOOK_SECRET", SECRET);
        builder.environment().putAll(environment);
        if (telegram) {
            builder.environment().put("TELEGRAM_ENABLED", "true");
            builder.environment().put("TELEGRAM_TOKEN", sandbox.telegram().token());
            builder.environment().put("TELEGRAM_API_URL", sandbox.baseUrl());
            builder.environment().put("OMNIDESK_CUSTOM_CHANNEL", "cch1");
            builder.environment().put("TELEGRAM_POLL_TIMEOUT_SECONDS", "1");
        }
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(this::intakeOpen);
        return this;
    }

    /** The webhook route answers (a wrong secret is refused, so nothing is processed). */
    boolean intakeOpen() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the bridge exited: " + logText());
        }
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + serverPort + "/webhooks/omnidesk/not-the-secret-000000"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 403;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Kubernetes stops a pod; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the bridge did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /**
     * Entries accepted and not completed, as the intake journal's files say: appends minus completions over the
     * segments, plus one-file-per-entry files of the former format. Read while the bridge writes: a line being
     * written or a segment deleted meanwhile is skipped (callers await a value, so a transient miscount retries).
     */
    int journalSize() throws IOException {
        Path intake = dataDir.resolve("intake");
        if (!Files.isDirectory(intake)) {
            return 0;
        }
        List<Path> files;
        try (var list = Files.list(intake)) {
            files = list.sorted().toList();
        }
        Set<Long> open = new HashSet<>();
        int legacy = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".json")) {
                legacy++;
            } else if (name.endsWith(".log")) {
                String text;
                try {
                    text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    continue;
                }
                for (String line : text.split("\n")) {
                    try {
                        JsonNode record = JSON.readTree(line);
                        if (record != null && record.has("seq")) {
                            open.add(record.get("seq").asLong());
                        } else if (record != null && record.has("done")) {
                            open.remove(record.get("done").asLong());
                        }
                    } catch (IOException e) {
                        // a line being written right now
                    }
                }
            }
        }
        return legacy + open.size();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
