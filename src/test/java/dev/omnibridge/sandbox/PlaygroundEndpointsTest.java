package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the playground page needs from the sandbox: the page itself, the case list and the change feed. */
class PlaygroundEndpointsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void thePageAndItsFilesAreServedFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("data-testid=\"web-panel\"", "playground/app.js");
        assertThat(get("/playground/app.js").body()).contains("sandbox/events");
        assertThat(get("/playground/style.css").statusCode()).isEqualTo(200);
        assertThat(get("/playground/nothing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void theCaseListTellsWhoAnswersAndTheLastMessage() {
        long caseId = sandbox.get().createCase("Где мой заказ?", "Иван", "").caseId();
        sandbox.get().operatorNote(caseId, "постоянный клиент");

        JsonNode listed = ApiClient.json(ApiClient.anonymous(sandbox.get()).get("/sandbox/cases")).get(0);

        assertThat(listed.path("case_id").asLong()).isEqualTo(caseId);
        assertThat(listed.path("user_name").asText()).isEqualTo("Иван");
        assertThat(listed.path("bot").asBoolean()).isTrue(); // autoBotLabel: customer cases land with the bot
        assertThat(listed.path("message_count").asInt()).isEqualTo(2);
        assertThat(listed.path("last_message").path("from").asText()).isEqualTo("note");
        assertThat(listed.path("last_message").path("content").asText()).isEqualTo("постоянный клиент");
    }

    @Test
    void theLatestMessagesOfAllCasesComeTogetherOldestFirst() {
        long first = sandbox.get().createCase("Привет", "Иван", "").caseId();
        long second = sandbox.get().createCase("Здравствуйте", "Мария", "").caseId();
        sandbox.get().operatorNote(first, "Bot handoff: requested");

        ApiClient control = ApiClient.anonymous(sandbox.get());
        JsonNode latest = ApiClient.json(control.get("/sandbox/messages?last=2"));

        assertThat(latest).hasSize(2);
        assertThat(latest.get(0).path("case_id").asLong()).isEqualTo(second);
        assertThat(latest.get(1).path("case_id").asLong()).isEqualTo(first);
        assertThat(latest.get(1).path("from").asText()).isEqualTo("note");
        assertThat(latest.get(1).path("content").asText()).isEqualTo("Bot handoff: requested");
        assertThat(ApiClient.json(control.get("/sandbox/messages"))).hasSize(3);
        assertThat(control.get("/sandbox/messages?last=x").statusCode()).isEqualTo(400);
    }

    @Test
    void eachCallShowsTheBudgetLeftAfterIt() {
        ApiClient.authenticated(sandbox.get()).get("/api/cases.json");

        JsonNode call = ApiClient.json(ApiClient.anonymous(sandbox.get()).get("/sandbox/calls")).get(0);

        assertThat(call.path("status").asInt()).isEqualTo(200);
        assertThat(call.path("calls_left").asInt()).isEqualTo(sandbox.get().faults().rateLimitPerWindow() - 1);
    }

    @Test
    void eachCallShowsItsCostAReadOneUnitAWriteTwo() {
        long caseId = sandbox.get().createCase("Привет", "Иван", "").caseId();
        ApiClient api = ApiClient.authenticated(sandbox.get());
        api.get("/api/cases/" + caseId + ".json");
        api.put("/api/cases/" + caseId + ".json", "{\"case\": {\"labels\": [201]}}");

        JsonNode calls = ApiClient.json(ApiClient.anonymous(sandbox.get()).get("/sandbox/calls"));

        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("method").asText()).isEqualTo("GET");
        assertThat(calls.get(0).path("cost").asInt()).isEqualTo(1);
        assertThat(calls.get(1).path("method").asText()).isEqualTo("PUT");
        assertThat(calls.get(1).path("cost").asInt()).isEqualTo(2);
        assertThat(calls.get(1).path("calls_left").asInt()).isEqualTo(sandbox.get().faults().rateLimitPerWindow() - 3);
    }

    @Test
    @Timeout(20)
    void theFeedSaysWhatChangedWhenItChanges() throws Exception {
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create(sandbox.get().baseUrl() + "/sandbox/events")).build();
        HttpResponse<InputStream> stream = HTTP.send(subscribe, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            // a new client is told that everything may have changed
            assertThat(nextData(events)).contains("\"cases\"", "\"telegram\"", "\"webhooks\"", "\"calls\"",
                    "\"channel\"", "\"telegram-calls\"");

            sandbox.get().createCase("Привет", "Мария", "");
            assertThat(nextData(events)).contains("\"cases\"");

            sandbox.get().telegram().customerWrites(42, "Анна", "меню");
            assertThat(nextData(events)).contains("\"telegram\"");
        }
    }

    /** The data line of the next {@code changed} event, heartbeats skipped. */
    private static String nextData(BufferedReader events) throws Exception {
        String line;
        boolean changed = false;
        while ((line = events.readLine()) != null) {
            if (line.equals("event: changed")) {
                changed = true;
            } else if (changed && line.startsWith("data: ")) {
                return line.substring("data: ".length());
            }
        }
        throw new AssertionError("the feed ended");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.get().baseUrl() + path)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
