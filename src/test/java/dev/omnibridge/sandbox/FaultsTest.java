package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fault switches, through the Java API. */
class FaultsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.authenticated(sandbox.get());
    }

    @Test
    void failNextAnswersTheStatusAndChangesNothing() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        sandbox.get().faults().failNext(2, 502);
        String reply = "{\"message\": {\"content\": \"Hello\", \"staff_id\": 1001}}";

        HttpResponse<String> first = api.post("/api/cases/" + c.caseId() + "/messages.json", reply);
        HttpResponse<String> second = api.get("/api/cases/" + c.caseId() + ".json");
        HttpResponse<String> third = api.post("/api/cases/" + c.caseId() + "/messages.json", reply);

        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(first.body()).isEqualTo("{\"error\":\"sandbox_fault\"}");
        assertThat(first.headers().firstValue("rate_limit_per_minute")).isPresent();
        assertThat(second.statusCode()).isEqualTo(502);
        assertThat(third.statusCode()).isEqualTo(201);
        assertThat(sandbox.get().messages(c.caseId())).hasSize(2);
        assertThat(sandbox.get().faults().pendingFailures()).isZero();
    }

    @Test
    void failNextWritesServesReadsAndRefusesWrites() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        sandbox.get().faults().failNextWrites(1, 503);
        String reply = "{\"message\": {\"content\": \"Hello\", \"staff_id\": 1001}}";

        assertThat(api.get("/api/cases/" + c.caseId() + "/messages.json").statusCode()).isEqualTo(200);
        assertThat(api.post("/api/cases/" + c.caseId() + "/messages.json", reply).statusCode()).isEqualTo(503);
        assertThat(sandbox.get().messages(c.caseId())).hasSize(1);
        assertThat(api.post("/api/cases/" + c.caseId() + "/messages.json", reply).statusCode()).isEqualTo(201);
        assertThat(sandbox.get().messages(c.caseId())).hasSize(2);
    }

    @Test
    void aSlowWriteIsStoredAtTheEndEvenIfTheCallerGaveUp() throws Exception {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        sandbox.get().faults().slowWrites(1, Duration.ofMillis(1500));
        String reply = "{\"message\": {\"content\": \"Hello\", \"staff_id\": 1001}}";
        java.net.http.HttpRequest request = java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(
                        sandbox.get().baseUrl() + "/api/cases/" + c.caseId() + "/messages.json"))
                .timeout(Duration.ofMillis(200))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (sandbox.get().staffEmail() + ":" + sandbox.get().apiKey())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(reply)).build();

        assertThatThrownBy(() -> java.net.http.HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(sandbox.get().messages(c.caseId())).hasSize(1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> sandbox.get().messages(c.caseId()).size() == 2);
        // only the next write was slow
        assertThat(api.post("/api/cases/" + c.caseId() + "/messages.json", reply).statusCode()).isEqualTo(201);
    }

    @Test
    void anInjected429CarriesRetryAfter() {
        sandbox.get().faults().failNext(1, 429);
        HttpResponse<String> r = api.get("/api/labels.json");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry_after")).isPresent();
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void delayHoldsEveryCallWithoutBlockingTheServer() {
        sandbox.get().faults().delay(Duration.ofMillis(500));
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> api.get("/api/labels.json"));
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> api.get("/api/groups.json"));
        assertThat(a.join().statusCode()).isEqualTo(200);
        assertThat(b.join().statusCode()).isEqualTo(200);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // Both waited, concurrently rather than one after the other.
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofMillis(950));
        // The control API is never delayed.
        long controlStart = System.nanoTime();
        assertThat(ApiClient.anonymous(sandbox.get()).get("/sandbox/faults").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - controlStart)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void rateLimitReplacesTheBudgetAndResetRestoresIt() {
        sandbox.get().faults().rateLimit(1, Duration.ofSeconds(60));
        assertThat(api.get("/api/labels.json").headers().firstValue("rate_limit_per_minute")).contains("1");
        assertThat(api.get("/api/labels.json").statusCode()).isEqualTo(429);

        sandbox.get().faults().failNext(5, 500).delay(Duration.ofMillis(10)).reset();

        HttpResponse<String> r = api.get("/api/labels.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("rate_limit_per_minute")).contains("1000");
        assertThat(r.headers().firstValue("api_calls_left")).contains("999");
        assertThat(sandbox.get().faults().delay()).isZero();
        assertThat(sandbox.get().faults().pendingFailures()).isZero();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> sandbox.get().faults().failNext(-1, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.get().faults().failNext(1, 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.get().faults().delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.get().faults().rateLimit(10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
