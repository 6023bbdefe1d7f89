package dev.omnibridge;

import static org.awaitility.Awaitility.await;

import dev.omnibridge.sandbox.RuleTemplate;
import dev.omnibridge.sandbox.SandboxMessage;
import dev.omnibridge.sandbox.SandboxOmnidesk;
import dev.omnibridge.setup.RuleBodies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real application, started in this JVM the way {@code java -jar bridge.jar sandbox} starts it: real Main, real
 * route files, the embedded sandbox Omnidesk, real HTTP on free ports, a fresh data directory.
 */
public final class RunningBridge implements AutoCloseable {

    public static final String SECRET = "test-secret-0123456789abcdef";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final BridgeStartup startup;
    private final Map<String, String> settings;

    private RunningBridge(Map<String, String> settings) {
        this.settings = settings;
        this.startup = new BridgeStartup();
        this.main = BridgeMain.create(startup);
        settings.forEach(main::addOverrideProperty);
    }

    /** Sandbox mode with test-friendly settings; {@code overrides} win. */
    public static RunningBridge start(Map<String, String> overrides) {
        return start(defaults(overrides));
    }

    public static RunningBridge start() {
        return start(Map.of());
    }

    /** Same data directory and ports as {@code before}: a restart of the same installation. */
    public static RunningBridge restart(RunningBridge before) {
        return start(before.settings);
    }

    private static RunningBridge start(LinkedHashMap<String, String> settings) {
        RunningBridge bridge = new RunningBridge(settings);
        try {
            bridge.main.start();
            await().atMost(Duration.ofSeconds(20)).until(bridge::intakeOpen);
        } catch (Exception | AssertionError e) {
            bridge.close(); // a half-started bridge must not keep ports and threads for the next test
            throw new IllegalStateException("bridge did not start", e);
        }
        return bridge;
    }

    static LinkedHashMap<String, String> defaults(Map<String, String> overrides) {
        LinkedHashMap<String, String> settings = new LinkedHashMap<>();
        settings.put("sandbox.enabled", "true");
        settings.put("sandbox.port", String.valueOf(freePort()));
        settings.put("camel.server.port", String.valueOf(freePort()));
        settings.put("camel.management.port", String.valueOf(freePort()));
        settings.put("camel.server.host", "127.0.0.1");
        settings.put("camel.management.host", "127.0.0.1");
        settings.put("webhook.secret", SECRET);
        settings.put("sandbox.telegram", "false"); // Variant 2 where a test asks for it (TelegramBridge)
        settings.put("telegram.poll-timeout-seconds", "1");
        settings.put("dialog.burst-window-ms", "300");
        settings.put("omnidesk.retry.initial-delay-ms", "20");
        settings.put("omnidesk.retry.max-delay-ms", "200");
        settings.put("omnidesk.connect-timeout-ms", "1000");
        settings.put("omnidesk.response-timeout-ms", "3000");
        try {
            settings.put("bridge.data-dir", Files.createTempDirectory("bridge-test").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.putAll(overrides);
        return settings;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SandboxOmnidesk sandbox() {
        return startup.sandbox();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public Path dataDir() {
        return Path.of(settings.get("bridge.data-dir"));
    }

    public String setting(String key) {
        return settings.get(key);
    }

    public boolean intakeOpen() {
        CamelContext context = main.getCamelContext();
        return context != null && context.getRouteController().getRouteStatus("omnidesk-webhook") != null
                && context.getRouteController().getRouteStatus("omnidesk-webhook").isStarted();
    }

    public String webhookUrl(String secret) {
        return "http://127.0.0.1:" + settings.get("camel.server.port") + "/webhooks/omnidesk/" + secret;
    }

    /**
     * What Omnidesk posts when a customer writes: the updated-case rule body the setup prints ({@link RuleBodies}),
     * filled raw (nothing escaped) for an anonymous visitor 77, the way Omnidesk and the sandbox fill it.
     */
    public static String ruleBody(long caseId, String text) {
        return RuleTemplate.substitute(RuleBodies.UPDATED_CASE, Map.of("last_message", text,
                "case_id", Long.toString(caseId), "user_id", "77", "user_email", "", "user_full_name", "",
                "user_phone", ""));
    }

    public HttpResponse<String> postWebhook(String secret, String query, String body) {
        String url = webhookUrl(secret) + (query == null ? "" : "?" + query);
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public HttpResponse<String> management(String path) {
        String url = "http://127.0.0.1:" + settings.get("camel.management.port") + path;
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** A counter from the Prometheus endpoint, summed over the series whose labels contain {@code labelFilter}. */
    public double metric(String name, String labelFilter) {
        String text = management("/observe/metrics").body();
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (labelFilter == null || labels.contains(labelFilter)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /** Waits until a counter reaches {@code atLeast}. */
    public void awaitMetric(String name, String labelFilter, double atLeast) {
        await().atMost(Duration.ofSeconds(20)).until(() -> metric(name, labelFilter) >= atLeast);
    }

    /**
     * Stores a customer message in the sandbox without firing the rules, so that a test can deliver the webhook for
     * it itself (a hand-made body): the bridge answers only messages it finds in the case.
     */
    public void customerWritesWithoutRule(long caseId, String text) {
        sandbox().setWebhookUrl(null);
        try {
            sandbox().customerWrites(caseId, text);
        } finally {
            sandbox().setWebhookUrl(webhookUrl(SECRET));
        }
    }

    /** Staff messages the bot sent to the case, in order. */
    public List<String> botMessages(long caseId) {
        return sandbox().messages(caseId).stream()
                .filter(m -> !m.note() && m.staffId() == sandbox().botStaffId())
                .map(SandboxMessage::content).toList();
    }

    public List<String> notes(long caseId) {
        return sandbox().messages(caseId).stream().filter(SandboxMessage::note).map(SandboxMessage::content).toList();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (startup.sandbox() != null) {
                startup.sandbox().close();
            }
        }
    }
}
