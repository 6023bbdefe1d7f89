package dev.omnibridge.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.omnibridge.RunningBridge;
import dev.omnibridge.bot.engine.FakeEngine.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineClientTest {

    private FakeEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private EngineClient client(String url, Consumer<EngineClient> settings) {
        EngineClient client = new EngineClient();
        client.setUrl(url);
        client.setTimeoutMs(300);
        client.setConnectTimeoutMs(300);
        client.setRetries(1);
        client.setRetryDelayMs(1);
        settings.accept(client);
        client.init();
        return client;
    }

    private static JsonNode body() {
        return JsonNodeFactory.instance.objectNode().put("text", "Привет");
    }

    @Test
    void postsJsonWithTheTokenAndReadsJson() {
        engine = FakeEngine.start(r -> Response.json(Map.of("ok", true)));
        EngineClient client = client(engine.url("/bot"), c -> {
            c.setToken("s3cret-token");
            c.setTokenPrefix("Token");
        });

        JsonNode answer = client.post(body());

        assertThat(answer.path("ok").asBoolean()).isTrue();
        FakeEngine.Request request = engine.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.json().path("text").asText()).isEqualTo("Привет");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Authorization")).isEqualTo("Token s3cret-token");
    }

    @Test
    void basicAuthAndCustomTokenHeaders() {
        engine = FakeEngine.start(r -> Response.json("{}"));
        client(engine.url("/bot"), c -> {
            c.setUsername("bridge");
            c.setPassword("pa:ss");
        }).post(body());
        client(engine.url("/bot"), c -> {
            c.setToken("key-1");
            c.setTokenHeader("X-Api-Key");
            c.setTokenPrefix("");
        }).post(body());

        assertThat(engine.requests().get(0).header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("bridge:pa:ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(engine.requests().get(1).header("X-Api-Key")).isEqualTo("key-1");
        assertThat(engine.requests().get(1).header("Authorization")).isNull();
    }

    @Test
    void serverErrorsAreRetriedOnceThenSucceed() {
        AtomicInteger calls = new AtomicInteger();
        engine = FakeEngine.start(r -> calls.incrementAndGet() == 1
                ? Response.raw(503, "text/plain", "busy") : Response.json("[]"));

        assertThat(client(engine.url("/bot"), c -> {}).post(body()).isArray()).isTrue();
        assertThat(engine.requests()).hasSize(2);
    }

    @Test
    void retriesAreBounded() {
        engine = FakeEngine.start(r -> Response.raw(502, "text/plain", "bad gateway"));

        assertThatThrownBy(() -> client(engine.url("/bot"), c -> c.setRetries(2)).post(body()))
                .isInstanceOf(EngineException.class).hasMessage("HTTP 502 (3 attempts)");
        assertThat(engine.requests()).hasSize(3);
    }

    @Test
    void clientErrorsRedirectsAndGarbageAreNotRetried() {
        engine = FakeEngine.start(r -> switch (r.path()) {
            case "/missing" -> Response.raw(404, "application/json", "{\"error\":\"no\"}");
            case "/moved" -> Response.raw(302, "text/plain", "");
            default -> Response.raw(200, "text/html", "<html><body>Customer Ivan Petrov</body></html>");
        });

        assertThatThrownBy(() -> client(engine.url("/missing"), c -> {}).post(body()))
                .isInstanceOf(EngineException.class).hasMessage("HTTP 404");
        assertThatThrownBy(() -> client(engine.url("/moved"), c -> {}).post(body()))
                .isInstanceOf(EngineException.class).hasMessage("HTTP 302");
        assertThatThrownBy(() -> client(engine.url("/html"), c -> {}).post(body()))
                .isInstanceOf(EngineException.class)
                .hasMessage("answer is not JSON (text/html)")
                .satisfies(e -> assertThat(((EngineException) e).isRetryable()).isFalse());
        assertThat(engine.requests()).hasSize(3);
    }

    @Test
    void invalidOrTrailingJsonIsGarbage() {
        engine = FakeEngine.start(r -> r.path().equals("/cut") ? Response.json("{\"has_answer\": tru")
                : r.path().equals("/empty") ? Response.raw(200, "application/json", "")
                : Response.json("{\"a\":1} {\"b\":2}"));

        assertThatThrownBy(() -> client(engine.url("/cut"), c -> {}).post(body()))
                .hasMessage("answer is not JSON (application/json)");
        assertThatThrownBy(() -> client(engine.url("/empty"), c -> {}).post(body()))
                .hasMessage("empty answer (HTTP 200)");
        assertThatThrownBy(() -> client(engine.url("/two"), c -> {}).post(body()))
                .hasMessage("answer is not JSON (application/json)");
    }

    @Test
    void aSlowEngineTimesOutOnEveryAttempt() {
        engine = FakeEngine.start(r -> Response.hang());

        assertThatThrownBy(() -> client(engine.url("/bot"), c -> {}).post(body()))
                .isInstanceOf(EngineException.class).hasMessage("no answer within 300 ms (2 attempts)");
        assertThat(engine.requests()).hasSize(2);
    }

    @Test
    void anEngineThatIsDownFailsAsRetryable() {
        String nobody = "http://127.0.0.1:" + RunningBridge.freePort() + "/bot";

        assertThatThrownBy(() -> client(nobody, c -> {}).post(body()))
                .isInstanceOf(EngineException.class)
                .hasMessage("cannot connect (engine down or unreachable) (2 attempts)")
                .satisfies(e -> assertThat(((EngineException) e).isRetryable()).isTrue());
    }

    @Test
    void anOversizedAnswerIsCutOff() {
        engine = FakeEngine.start(r -> Response.json("[\"" + "x".repeat(5000) + "\"]"));
        EngineClient client = client(engine.url("/bot"), c -> c.setMaxResponseBytes(1000));

        assertThatThrownBy(() -> client.post(body())).hasMessage("answer larger than 1000 bytes");
        assertThat(engine.requests()).hasSize(1);
    }

    @Test
    void theDescriptionNamesNoSecret() {
        EngineClient client = client("https://user:pw@bot.example.com:8443/api/bot?token=q-secret", c -> {
            c.setToken("t-secret");
        });

        assertThat(client.describe())
                .isEqualTo("https://bot.example.com:8443/api/bot (timeout 300 ms, connect 300 ms, 1 retry, "
                        + "token in the Authorization header)")
                .doesNotContain("secret").doesNotContain("pw");
    }

    @Test
    void settingsAreCheckedAtStart() {
        assertThatThrownBy(() -> client("", c -> {})).hasMessage("bot.http.url is empty");
        assertThatThrownBy(() -> client("ftp://bot.example.com/", c -> {}))
                .hasMessage("bot.http.url must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> client("http://bot.example.com/", c -> c.setRetries(9)))
                .hasMessage("bot.http.retries must be between 0 and 5");
        assertThatThrownBy(() -> client("http://bot.example.com/", c -> {
            c.setToken("t");
            c.setUsername("u");
        })).hasMessage("set either bot.http.token or bot.http.username/bot.http.password, not both");
        assertThatThrownBy(() -> client("http://bot.example.com/", c -> c.setToken("a\nb")))
                .hasMessage("the token contains control characters");
    }
}
