package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as the README's first command runs it: {@code java -jar …-runner.jar sandbox}. Proves the
 * shaded jar has its service files merged (components, YAML DSL, type converters) and serves health and webhooks.
 */
class BridgeJarIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void packagedJarStartsInSandboxModeAndAnswersACustomer() throws Exception {
        Path jar = Path.of(System.getProperty("bridge.jar"));
        assertThat(jar).exists();
        int server = RunningBridge.freePort();
        int management = RunningBridge.freePort();
        int sandbox = RunningBridge.freePort();
        Path workDir = Files.createTempDirectory("bridge-jar");
        Path log = workDir.resolve("bridge.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcamel.server.port=" + server, "-Dcamel.management.port=" + management,
                "-Dsandbox.port=" + sandbox, "-jar", jar.toString(), "sandbox")
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> status("http://127.0.0.1:" + management
                    + "/observe/health/ready") == 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> status("http://127.0.0.1:" + management
                    + "/observe/health/live") == 200);

            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + sandbox + "/sandbox/cases")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Здравствуйте\",\"name\":\"Ivan\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher id = Pattern.compile("\"case_id\"\\s*:\\s*(\\d+)").matcher(created.body());
            assertThat(id.find()).as(created.body()).isTrue();
            String caseUrl = "http://127.0.0.1:" + sandbox + "/sandbox/cases/" + id.group(1);

            await().atMost(Duration.ofSeconds(30)).until(() -> get(caseUrl).contains("\"from\" : \"bot\""));
            assertThat(get(caseUrl)).contains("Здравствуйте, Ivan!");
            assertThat(Files.isDirectory(workDir.resolve("data/intake"))).isTrue();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(Files.readString(log)).contains("Webhook intake is open");
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
