package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /sandbox}: what a person with curl does to play the customer and the operator. */
class ControlApiTest {

    // Own settings per test: the rule webhook URL is this test's receiver, which exists only once the test starts.
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.startedByEachTest();

    private WebhookReceiver bridge;
    private ApiClient control;

    @BeforeEach
    void start() {
        bridge = new WebhookReceiver();
        sandbox.start(SandboxSettings.builder().webhookUrl(bridge.url("/hook?key=secret")).build());
        control = ApiClient.anonymous(sandbox.get());
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void playsAWholeConversation() {
        HttpResponse<String> created = control.post("/sandbox/cases",
                "{\"text\": \"Где мой заказ?\", \"name\": \"Иван\", \"email\": \"ivan@example.com\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        long caseId = ApiClient.json(created).get("case_id").asLong();
        assertThat(ApiClient.json(created).get("labels").toString()).isEqualTo("[200]");

        ApiClient.authenticated(sandbox.get()).post("/api/cases/" + caseId + "/messages.json",
                "{\"message\": {\"content\": \"Сейчас проверю\", \"staff_id\": 1001}}");
        assertThat(control.post("/sandbox/cases/" + caseId + "/customer-messages", "{\"text\": \"Спасибо\"}")
                .statusCode()).isEqualTo(201);
        assertThat(control.post("/sandbox/cases/" + caseId + "/operator-messages", "{\"text\": \"Это Анна\"}")
                .statusCode()).isEqualTo(201);
        ApiClient.authenticated(sandbox.get()).post("/api/cases/" + caseId + "/note.json",
                "{\"note\": {\"content\": \"handoff: asked for a human\"}}");

        HttpResponse<String> view = control.get("/sandbox/cases/" + caseId);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("\n  \"case\" : {");
        JsonNode messages = ApiClient.json(view).get("messages");
        assertThat(messages).extracting(m -> m.get("from").asText())
                .containsExactly("customer", "bot", "customer", "operator", "note");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Где мой заказ?");
        assertThat(messages.get(0).get("created_at").asText()).endsWith("+0300");

        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.get().webhookDeliveries().size() == 6);
        JsonNode hooks = ApiClient.json(control.get("/sandbox/webhooks"));
        assertThat(hooks).hasSize(6);
        assertThat(hooks.get(0).get("rule").asText()).isEqualTo("new-case");
        assertThat(hooks.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(hooks.get(0).get("body").asText()).contains("Где мой заказ?");
        assertThat(hooks.get(0).has("url")).isFalse();
        assertThat(control.get("/sandbox/webhooks").body()).doesNotContain("secret");
    }

    @Test
    void editsLabelsLikeAnOperatorInTheUi() {
        long caseId = sandbox.get().createCase("Hi", "Ivan", "").caseId();

        HttpResponse<String> removed = control.delete("/sandbox/cases/" + caseId + "/labels/200");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(removed).get("labels").toString()).isEqualTo("[]");
        assertThat(control.post("/sandbox/cases/" + caseId + "/labels/201", null).statusCode()).isEqualTo(200);
        assertThat(sandbox.get().caseById(caseId).labels()).containsExactly(201L);
        assertThat(control.post("/sandbox/cases/" + caseId + "/labels/999", null).statusCode()).isEqualTo(400);
    }

    @Test
    void reportsErrorsAsJson() {
        assertThat(control.get("/sandbox/cases/424242").body()).isEqualTo("{\"error\":\"case_not_found\"}");
        assertThat(control.get("/sandbox/cases/424242").statusCode()).isEqualTo(404);
        assertThat(control.post("/sandbox/cases", "{\"name\": \"x\"}").statusCode()).isEqualTo(400);
        assertThat(control.post("/sandbox/cases", "not json").body()).isEqualTo("{\"error\":\"invalid_json\"}");
        assertThat(control.post("/sandbox/cases/424242/customer-messages", "{\"text\": \"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(control.get("/sandbox/nothing").body()).isEqualTo("{\"error\":\"not_found\"}");
    }

    @Test
    void showsRecordedCallsAndAnOverview() {
        ApiClient.authenticated(sandbox.get()).get("/api/staff.json?limit=1");
        JsonNode calls = ApiClient.json(control.get("/sandbox/calls"));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("path").asText()).isEqualTo("/api/staff.json");
        assertThat(calls.get(0).get("query").asText()).isEqualTo("limit=1");
        assertThat(calls.get(0).get("status").asInt()).isEqualTo(200);

        JsonNode about = ApiClient.json(control.get("/sandbox"));
        assertThat(about.get("staff_email").asText()).isEqualTo(sandbox.get().staffEmail());
        assertThat(about.get("bot_label_id").asLong()).isEqualTo(200);
        assertThat(about.get("rules_enabled").asBoolean()).isTrue();
        // The account is shown so that a newcomer can point check (or curl) at it: the shown key opens the API.
        assertThat(about.get("base_url").asText()).isEqualTo(sandbox.get().baseUrl());
        assertThat(ApiClient.withCredentials(sandbox.get(), about.get("staff_email").asText(),
                about.get("api_key").asText()).get("/api/labels.json").statusCode()).isEqualTo(200);
    }

    @Test
    void switchesFaultsAndTheWebhookUrl() {
        JsonNode state = ApiClient.json(control.post("/sandbox/faults",
                "{\"failNext\": 3, \"failStatus\": 500, \"delayMillis\": 0, \"rateLimitPerWindow\": 30, \"rateWindowSeconds\": 60}"));
        assertThat(state.get("failNext").asInt()).isEqualTo(3);
        assertThat(state.get("rateLimitPerWindow").asInt()).isEqualTo(30);
        assertThat(state.get("rateWindowSeconds").asInt()).isEqualTo(60);
        HttpResponse<String> failed = ApiClient.authenticated(sandbox.get()).get("/api/labels.json");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("rate_limit_per_minute")).contains("30");

        JsonNode reset = ApiClient.json(control.post("/sandbox/faults", "{\"reset\": true}"));
        assertThat(reset.get("failNext").asInt()).isZero();
        assertThat(reset.get("rateLimitPerWindow").asInt()).isEqualTo(1000);
        assertThat(control.post("/sandbox/faults", "{\"failNext\": 1, \"failStatus\": 7}").statusCode()).isEqualTo(400);

        assertThat(control.put("/sandbox/webhook-url", "{\"url\": null}").body()).contains("\"rules_enabled\" : false");
        sandbox.get().createCase("unheard", "Ivan", "");
        control.put("/sandbox/webhook-url", "{\"url\": \"" + bridge.url("/again") + "\"}");
        long caseId = sandbox.get().createCase("heard", "Ivan", "").caseId();
        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.received().size() == 2);
        assertThat(bridge.received()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/again"));
        assertThat(bridge.bodies().get(0)).contains("\"chat_id\": " + caseId);
    }
}
