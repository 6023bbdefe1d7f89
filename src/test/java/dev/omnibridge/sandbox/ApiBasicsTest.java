package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authentication, error bodies and the keyed-object list shape. */
class ApiBasicsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.authenticated(sandbox.get());
    }

    @Test
    void listensOnLoopbackWithAGeneratedKey() {
        assertThat(sandbox.get().port()).isPositive();
        assertThat(sandbox.get().baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.get().port());
        assertThat(sandbox.get().apiKey()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(sandbox.get().staffEmail()).isEqualTo("bot@sandbox.omnidesk.local");
        try (SandboxOmnidesk other = SandboxOmnidesk.start(SandboxSettings.defaults())) {
            assertThat(other.apiKey()).isNotEqualTo(sandbox.get().apiKey());
        }
    }

    @Test
    void refusesToStartOnABusyPort() {
        SandboxSettings clash = SandboxSettings.builder().port(sandbox.get().port()).build();
        assertThatThrownBy(() -> SandboxOmnidesk.start(clash))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not listen");
    }

    @Test
    void closingTwiceIsHarmless() {
        SandboxOmnidesk extra = SandboxOmnidesk.start(SandboxSettings.defaults());
        int port = extra.port();
        assertThat(ApiClient.authenticated(extra).get("/api/labels.json").statusCode()).isEqualTo(200);
        ApiClient unused = ApiClient.authenticated(extra); // made while open (same URL), holds no pooled connection

        extra.close();
        // Closed means stopped listening: a new connection to the same address is refused.
        assertThatThrownBy(() -> unused.get("/api/labels.json"))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
        // The second close neither throws nor waits for anything.
        assertTimeout(Duration.ofSeconds(1), extra::close);
        // And the port was given back: another sandbox can listen on it right away.
        try (SandboxOmnidesk again = SandboxOmnidesk.start(SandboxSettings.builder().port(port).build())) {
            assertThat(ApiClient.authenticated(again).get("/api/labels.json").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void usesTheConfiguredApiKey() {
        try (SandboxOmnidesk fixed = SandboxOmnidesk.start(SandboxSettings.builder().apiKey("k-123").build())) {
            assertThat(fixed.apiKey()).isEqualTo("k-123");
            assertThat(ApiClient.withCredentials(fixed, fixed.staffEmail(), "k-123").get("/api/labels.json")
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void missingOrWrongCredentialsAre401WithoutSpendingBudget() {
        HttpResponse<String> none = ApiClient.anonymous(sandbox.get()).get("/api/labels.json");
        HttpResponse<String> wrongKey = ApiClient.withCredentials(sandbox.get(), sandbox.get().staffEmail(), "nope")
                .get("/api/labels.json");
        HttpResponse<String> wrongUser = ApiClient.withCredentials(sandbox.get(), "anna@sandbox.omnidesk.local",
                sandbox.get().apiKey()).get("/api/labels.json");

        for (HttpResponse<String> r : java.util.List.of(none, wrongKey, wrongUser)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"error\":\"unauthorized\"}");
            assertThat(r.headers().firstValue("api_calls_left")).contains("1000");
            assertThat(r.headers().firstValue("rate_limit_per_minute")).contains("1000");
        }
        assertThat(sandbox.get().apiCalls()).extracting(RecordedCall::status).containsExactly(401, 401, 401);
    }

    @Test
    void unknownPathsCasesAndMalformedBodiesGiveJsonErrors() {
        assertThat(api.get("/api/nothing.json").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/nothing.json").body()).isEqualTo("{\"error\":\"not_found\"}");
        assertThat(api.get("/api/cases/99999.json").body()).isEqualTo("{\"error\":\"case_not_found\"}");
        assertThat(api.get("/api/cases/99999.json").statusCode()).isEqualTo(404);
        assertThat(api.delete("/api/labels.json").statusCode()).isEqualTo(404);

        HttpResponse<String> malformed = api.post("/api/labels.json", "{\"label\": {\"label_title\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).isEqualTo("{\"error\":\"invalid_json\"}");
        assertThat(api.post("/api/labels.json", "[1,2]").body()).isEqualTo("{\"error\":\"invalid_json\"}");
        assertThat(api.post("/api/labels.json", "{} trailing").body()).isEqualTo("{\"error\":\"invalid_json\"}");
    }

    @Test
    void oversizedBodiesAre413AndStillRecorded() {
        try (SandboxOmnidesk small = SandboxOmnidesk.start(SandboxSettings.builder().maxBodyBytes(100).build())) {
            HttpResponse<String> r = ApiClient.authenticated(small)
                    .post("/api/labels.json", "{\"label\": {\"label_title\": \"" + "x".repeat(200) + "\"}}");
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).isEqualTo("{\"error\":\"payload_too_large\"}");
            assertThat(r.headers().firstValue("api_calls_left")).isPresent();
            assertThat(small.apiCalls()).extracting(RecordedCall::status).containsExactly(413);
        }
    }

    @Test
    void listsAreKeyedObjectsWithTotalCount() {
        JsonNode labels = ApiClient.json(api.get("/api/labels.json"));
        assertThat(labels.isObject()).isTrue();
        assertThat(labels.get("0").get("label").get("label_id").asLong()).isEqualTo(200);
        assertThat(labels.get("0").get("label").get("label_title").asText()).isEqualTo("bot");
        assertThat(labels.get("1").get("label").get("label_id").asLong()).isEqualTo(201);
        assertThat(labels.get("total_count").asInt()).isEqualTo(2);

        JsonNode groups = ApiClient.json(api.get("/api/groups.json"));
        assertThat(groups.get("0").get("group").get("group_title").asText()).isEqualTo("Support");
        assertThat(groups.get("0").get("group").get("active").asBoolean()).isTrue();
        assertThat(groups.get("1").get("group").get("group_id").asLong()).isEqualTo(11);

        JsonNode staff = ApiClient.json(api.get("/api/staff.json"));
        assertThat(staff.get("0").get("staff").get("staff_email").asText()).isEqualTo(sandbox.get().staffEmail());
        assertThat(staff.get("1").get("staff").get("staff_full_name").asText()).isEqualTo("Anna Operator");
        assertThat(staff.get("total_count").asInt()).isEqualTo(2);
    }

    @Test
    void listsArePagedOneBased() {
        JsonNode second = ApiClient.json(api.get("/api/staff.json?page=2&limit=1"));
        assertThat(second.get("0").get("staff").get("staff_id").asLong()).isEqualTo(sandbox.get().operatorStaffId());
        assertThat(second.has("1")).isFalse();
        assertThat(second.get("total_count").asInt()).isEqualTo(2);

        JsonNode beyond = ApiClient.json(api.get("/api/staff.json?page=3&limit=1"));
        assertThat(beyond.toString()).isEqualTo("{\"total_count\":2}");
    }

    @Test
    void anEmptyCaseListIsTheCaseArrayQuirk() {
        assertThat(api.get("/api/cases.json").body()).isEqualTo("{\"case\":[]}");
        sandbox.get().createCase("hello", "Ivan", "ivan@example.com");
        assertThat(api.get("/api/cases.json?status[]=closed").body()).isEqualTo("{\"case\":[]}");
    }

    @Test
    void createsLabels() {
        HttpResponse<String> created = api.post("/api/labels.json", "{\"label\": {\"label_title\": \"vip\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = ApiClient.json(created).get("label").get("label_id").asLong();
        assertThat(id).isGreaterThan(201);
        assertThat(ApiClient.json(api.get("/api/labels.json")).get("total_count").asInt()).isEqualTo(3);
        assertThat(api.post("/api/labels.json", "{\"label\": {\"label_title\": \"VIP\"}}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/labels.json", "{\"label\": {}}").statusCode()).isEqualTo(400);
    }

    @Test
    void recordsEveryApiCall() {
        api.get("/api/cases.json?labels[]=200&page=1");
        api.post("/api/labels.json", "{\"label\": {\"label_title\": \"x\"}}");

        assertThat(sandbox.get().apiCalls()).hasSize(2);
        RecordedCall read = sandbox.get().apiCalls().get(0);
        assertThat(read.method()).isEqualTo("GET");
        assertThat(read.path()).isEqualTo("/api/cases.json");
        assertThat(read.query()).isEqualTo("labels[]=200&page=1");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.requestBody()).isEmpty();
        RecordedCall write = sandbox.get().apiCalls().get(1);
        assertThat(write.isWrite()).isTrue();
        assertThat(write.status()).isEqualTo(201);
        assertThat(write.requestBody()).isEqualTo("{\"label\": {\"label_title\": \"x\"}}");
        assertThat(write.timestamp()).isAfterOrEqualTo(read.timestamp());
    }
}
