package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account-wide per-window budget: headers, double-cost writes, 429 and the refill. */
class RateLimitTest {

    // Own settings per test: each test picks its budget and window.
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.startedByEachTest();

    private ApiClient start(int limit, Duration window) {
        return ApiClient.authenticated(
                sandbox.start(SandboxSettings.builder().rateLimitPerWindow(limit).rateWindow(window).build()));
    }

    private static String left(HttpResponse<String> r) {
        return r.headers().firstValue("api_calls_left").orElseThrow();
    }

    @Test
    void everyResponseCarriesTheRateHeadersAndWritesCountDouble() {
        ApiClient api = start(10, Duration.ofSeconds(60));
        long caseId = sandbox.get().createCase("hi", "Ivan", "ivan@example.com").caseId();

        HttpResponse<String> read = api.get("/api/cases/" + caseId + ".json");
        assertThat(read.headers().firstValue("rate_limit_per_minute")).contains("10");
        assertThat(left(read)).isEqualTo("9");

        HttpResponse<String> write = api.post("/api/cases/" + caseId + "/messages.json",
                "{\"message\": {\"content\": \"Hello!\", \"staff_id\": 1001}}");
        assertThat(write.statusCode()).isEqualTo(201);
        assertThat(left(write)).isEqualTo("7");

        HttpResponse<String> notFound = api.get("/api/nothing.json");
        assertThat(left(notFound)).isEqualTo("6");
    }

    @Test
    void aCallThatDoesNotFitIs429WithRetryAfterAndHasNoEffect() {
        ApiClient api = start(3, Duration.ofSeconds(60));
        long caseId = sandbox.get().createCase("hi", "Ivan", "ivan@example.com").caseId();
        String reply = "{\"message\": {\"content\": \"Hello!\", \"staff_id\": 1001}}";

        assertThat(api.post("/api/cases/" + caseId + "/messages.json", reply).statusCode()).isEqualTo(201);
        HttpResponse<String> refused = api.post("/api/cases/" + caseId + "/messages.json", reply);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("{\"error\":\"too_many_requests\"}");
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry_after").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.headers().firstValue("Retry-After")).contains(Long.toString(retryAfter));
        assertThat(left(refused)).isEqualTo("1");
        assertThat(sandbox.get().messages(caseId)).hasSize(2);

        // A read still fits the one unit left; after it nothing does.
        HttpResponse<String> lastRead = api.get("/api/cases/" + caseId + ".json");
        assertThat(lastRead.statusCode()).isEqualTo(200);
        assertThat(left(lastRead)).isEqualTo("0");
        assertThat(api.get("/api/labels.json").statusCode()).isEqualTo(429);
    }

    @Test
    void theBudgetRefillsAtTheWindowBoundary() {
        ApiClient api = start(2, Duration.ofMillis(1500));
        assertThat(api.get("/api/labels.json").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/labels.json").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/labels.json").statusCode()).isEqualTo(429);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/labels.json").statusCode() == 200);
        assertThat(sandbox.get().apiCalls()).extracting(RecordedCall::status).contains(429).endsWith(200);
    }

    @Test
    void unauthorisedCallsAndInjectedFaultsCostNothing() {
        ApiClient api = start(5, Duration.ofSeconds(60));
        ApiClient.anonymous(sandbox.get()).get("/api/labels.json");
        sandbox.get().faults().failNext(1, 503);
        assertThat(api.get("/api/labels.json").statusCode()).isEqualTo(503);
        assertThat(left(api.get("/api/labels.json"))).isEqualTo("4");
    }
}
