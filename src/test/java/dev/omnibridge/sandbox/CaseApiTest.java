package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cases, messages and notes through the REST API. */
class CaseApiTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.authenticated(sandbox.get());
    }

    @Test
    void getsACaseWithOmnideskFields() {
        SandboxCase created = sandbox.get().createCase("Where is my order?", "Ivan Petrov", "ivan@example.com");

        JsonNode c = ApiClient.json(api.get("/api/cases/" + created.caseId() + ".json")).get("case");

        assertThat(c.get("case_id").asLong()).isEqualTo(created.caseId());
        assertThat(c.get("case_number").asText()).matches("\\d{3}-\\d{6}");
        assertThat(c.get("subject").asText()).isEqualTo("Where is my order?");
        assertThat(c.get("user_id").asLong()).isEqualTo(created.userId()).isPositive();
        assertThat(c.get("staff_id").asLong()).isZero();
        assertThat(c.get("group_id").asLong()).isEqualTo(sandbox.get().botGroupId());
        assertThat(c.get("status").asText()).isEqualTo("open");
        assertThat(c.get("priority").asText()).isEqualTo("normal");
        assertThat(c.get("channel").asText()).isEqualTo("chat");
        assertThat(c.get("labels").toString()).isEqualTo("[200]");
        assertThat(c.get("locked_labels").toString()).isEqualTo("[]");
        assertThat(c.get("custom_fields").toString()).isEqualTo("{}");
        assertThat(c.get("created_at").asText()).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0300");
        assertThat(c.get("closed_at").asText()).isEqualTo("-");
        assertThat(c.get("deleted").asBoolean()).isFalse();
        assertThat(c.get("spam").asBoolean()).isFalse();
    }

    @Test
    void staffRepliesAndClientMessagesAre201AndListedOldestFirst() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        String path = "/api/cases/" + c.caseId() + "/messages.json";

        HttpResponse<String> reply = api.post(path, "{\"message\": {\"content\": \"Hello, Ivan!\", \"staff_id\": 1001}}");
        assertThat(reply.statusCode()).isEqualTo(201);
        JsonNode m = ApiClient.json(reply).get("message");
        assertThat(m.get("message_id").asLong()).isPositive();
        assertThat(m.get("staff_id").asLong()).isEqualTo(1001);
        assertThat(m.get("user_id").asLong()).isZero();
        assertThat(m.get("content").asText()).isEqualTo("Hello, Ivan!");
        assertThat(m.get("content_html").asText()).isEqualTo("<p>Hello, Ivan!</p>");
        assertThat(m.get("note").asBoolean()).isFalse();
        assertThat(m.get("sent_via_rule").asBoolean()).isFalse();
        assertThat(m.get("created_at").asText()).endsWith("+0300");
        assertThat(sandbox.get().caseById(c.caseId()).status()).isEqualTo("waiting");

        HttpResponse<String> client = api.post(path,
                "{\"message\": {\"content\": \"Thanks\", \"user_id\": " + c.userId() + "}}");
        assertThat(client.statusCode()).isEqualTo(201);
        assertThat(sandbox.get().caseById(c.caseId()).status()).isEqualTo("open");

        JsonNode list = ApiClient.json(api.get(path));
        assertThat(list.get("total_count").asInt()).isEqualTo(3);
        assertThat(contents(list)).containsExactly("Hi", "Hello, Ivan!", "Thanks");
        assertThat(list.get("0").get("message").get("user_id").asLong()).isEqualTo(c.userId());

        assertThat(contents(ApiClient.json(api.get(path + "?order=desc&limit=2"))))
                .containsExactly("Thanks", "Hello, Ivan!");
        assertThat(contents(ApiClient.json(api.get(path + "?page=2&limit=2")))).containsExactly("Thanks");
    }

    @Test
    void htmlOnlyMessagesKeepAnEmptyContent() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        HttpResponse<String> r = api.post("/api/cases/" + c.caseId() + "/messages.json",
                "{\"message\": {\"content\": \"\", \"content_html\": \"<p>Rich <b>text</b></p>\", \"staff_id\": 1001}}");

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode m = ApiClient.json(r).get("message");
        assertThat(m.get("content").asText()).isEmpty();
        assertThat(m.get("content_html").asText()).isEqualTo("<p>Rich <b>text</b></p>");
        assertThat(sandbox.get().messages(c.caseId()).get(1).text()).isEqualTo("Rich text");
    }

    @Test
    void rejectsMessagesWithoutContentOrAuthor() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        String path = "/api/cases/" + c.caseId() + "/messages.json";

        HttpResponse<String> noContent = api.post(path, "{\"message\": {\"content\": \" \", \"staff_id\": 1001}}");
        assertThat(noContent.statusCode()).isEqualTo(400);
        assertThat(noContent.body()).isEqualTo("{\"error\":\"content_required\"}");
        assertThat(api.post(path, "{\"message\": {\"content\": \"x\"}}").statusCode()).isEqualTo(400);
        assertThat(api.post(path, "{\"message\": {\"content\": \"x\", \"staff_id\": 4242}}").body())
                .isEqualTo("{\"error\":\"staff_not_found\"}");
        assertThat(api.post(path, "{\"content\": \"x\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/cases/1/messages.json", "{\"message\": {\"content\": \"x\", \"staff_id\": 1001}}")
                .statusCode()).isEqualTo(404);
        assertThat(sandbox.get().messages(c.caseId())).hasSize(1);
    }

    @Test
    void notesAreMessagesWithNoteTrueOnBothPaths() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");

        HttpResponse<String> note = api.post("/api/cases/" + c.caseId() + "/note.json",
                "{\"note\": {\"content\": \"Transcript: ...\"}}");
        HttpResponse<String> notes = api.post("/api/cases/" + c.caseId() + "/notes.json",
                "{\"note\": {\"content\": \"Second note\"}}");

        assertThat(note.statusCode()).isEqualTo(201);
        assertThat(notes.statusCode()).isEqualTo(201);
        JsonNode m = ApiClient.json(note).get("message");
        assertThat(m.get("note").asBoolean()).isTrue();
        assertThat(m.get("staff_id").asLong()).isEqualTo(sandbox.get().botStaffId());
        assertThat(sandbox.get().messages(c.caseId())).extracting(SandboxMessage::note)
                .containsExactly(false, true, true);
        assertThat(sandbox.get().caseById(c.caseId()).status()).isEqualTo("open");
    }

    @Test
    void notePathsCanBeNarrowedToOne() {
        try (SandboxOmnidesk strict = SandboxOmnidesk.start(SandboxSettings.builder().notePaths("note.json").build())) {
            ApiClient client = ApiClient.authenticated(strict);
            long caseId = strict.createCase("Hi", "Ivan", "ivan@example.com").caseId();
            assertThat(client.post("/api/cases/" + caseId + "/note.json", "{\"note\": {\"content\": \"a\"}}")
                    .statusCode()).isEqualTo(201);
            HttpResponse<String> other = client.post("/api/cases/" + caseId + "/notes.json",
                    "{\"note\": {\"content\": \"b\"}}");
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).isEqualTo("{\"error\":\"not_found\"}");
        }
    }

    @Test
    void putAddsAndDeletesLabelsAndEditsRouting() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");

        HttpResponse<String> r = api.put("/api/cases/" + c.caseId() + ".json",
                "{\"case\": {\"add_labels\": [201], \"delete_labels\": [200], \"group_id\": 10, \"staff_id\": 1002,"
                        + " \"priority\": \"high\", \"custom_fields\": {\"cf_10\": \"x\"}}}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode edited = ApiClient.json(r).get("case");
        assertThat(edited.get("labels").toString()).isEqualTo("[201]");
        assertThat(edited.get("group_id").asLong()).isEqualTo(10);
        assertThat(edited.get("staff_id").asLong()).isEqualTo(1002);
        assertThat(edited.get("priority").asText()).isEqualTo("high");
        assertThat(edited.get("custom_fields").get("cf_10").asText()).isEqualTo("x");
        assertThat(sandbox.get().caseById(c.caseId()).labels()).containsExactly(201L);

        JsonNode closed = ApiClient.json(api.put("/api/cases/" + c.caseId() + ".json",
                "{\"case\": {\"status\": \"closed\", \"add_labels\": [\"200\"]}}")).get("case");
        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("closed_at").asText()).isNotEqualTo("-");
        assertThat(closed.get("labels").toString()).isEqualTo("[201,200]");
    }

    @Test
    void putIgnoresAPlainLabelsArrayAndRejectsUnknownReferences() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        String path = "/api/cases/" + c.caseId() + ".json";

        assertThat(api.put(path, "{\"case\": {\"labels\": [201]}}").statusCode()).isEqualTo(200);
        assertThat(sandbox.get().caseById(c.caseId()).labels()).containsExactly(200L);

        assertThat(api.put(path, "{\"case\": {\"add_labels\": [999]}}").body()).isEqualTo("{\"error\":\"label_not_found\"}");
        assertThat(api.put(path, "{\"case\": {\"group_id\": 999}}").body()).isEqualTo("{\"error\":\"group_not_found\"}");
        assertThat(api.put(path, "{\"case\": {\"status\": \"done\"}}").body()).isEqualTo("{\"error\":\"invalid_status\"}");
        assertThat(api.put(path, "{\"case\": {\"add_labels\": [\"abc\"]}}").statusCode()).isEqualTo(400);
        assertThat(api.put("/api/cases/1.json", "{\"case\": {\"status\": \"open\"}}").statusCode()).isEqualTo(404);
        assertThat(sandbox.get().caseById(c.caseId())).isEqualTo(c);
    }

    @Test
    void createsCasesWithAUserIdentifier() {
        HttpResponse<String> r = api.post("/api/cases.json", "{\"case\": {\"user_email\": \"olga@example.com\","
                + " \"user_full_name\": \"Olga\", \"subject\": \"Handoff from Telegram\", \"content\": \"Transcript...\","
                + " \"labels\": [201], \"group_id\": 10}}");

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode c = ApiClient.json(r).get("case");
        long caseId = c.get("case_id").asLong();
        assertThat(c.get("subject").asText()).isEqualTo("Handoff from Telegram");
        assertThat(c.get("labels").toString()).isEqualTo("[201]");
        assertThat(c.get("channel").asText()).isEqualTo("email");
        List<SandboxMessage> thread = sandbox.get().messages(caseId);
        assertThat(thread).hasSize(1);
        assertThat(thread.get(0).fromCustomer()).isTrue();
        assertThat(thread.get(0).userId()).isEqualTo(c.get("user_id").asLong());

        JsonNode again = ApiClient.json(api.post("/api/cases.json",
                "{\"case\": {\"user_email\": \"OLGA@example.com\", \"subject\": \"s\", \"content\": \"again\"}}"));
        assertThat(again.get("case").get("user_id").asLong()).isEqualTo(c.get("user_id").asLong());

        JsonNode custom = ApiClient.json(api.post("/api/cases.json",
                "{\"case\": {\"user_custom_id\": \"tg-42\", \"channel\": \"cch1\", \"content_html\": \"<p>Hi</p>\"}}"));
        assertThat(custom.get("case").get("channel").asText()).isEqualTo("cch1");
        assertThat(custom.get("case").get("subject").asText()).isEqualTo("Hi");
    }

    @Test
    void caseCreationNeedsAUserIdentifierAndContent() {
        assertThat(api.post("/api/cases.json", "{\"case\": {\"subject\": \"s\", \"content\": \"c\"}}").body())
                .isEqualTo("{\"error\":\"user_identifier_required\"}");
        assertThat(api.post("/api/cases.json", "{\"case\": {\"user_email\": \"a@b.c\", \"subject\": \"s\"}}").body())
                .isEqualTo("{\"error\":\"content_required\"}");
        assertThat(api.post("/api/cases.json", "{\"case\": {\"user_custom_id\": \"x\", \"content\": \"c\"}}").statusCode())
                .isEqualTo(400);
        assertThat(api.get("/api/cases.json").body()).isEqualTo("{\"case\":[]}");
    }

    @Test
    void listsCasesNewestFirstWithFilters() {
        SandboxCase first = sandbox.get().createCase("one", "A", "a@example.com");
        SandboxCase second = sandbox.get().createCase("two", "B", "b@example.com");
        sandbox.get().removeLabel(first.caseId(), sandbox.get().botLabelId());
        sandbox.get().addLabel(first.caseId(), sandbox.get().operatorLabelId());

        JsonNode all = ApiClient.json(api.get("/api/cases.json"));
        assertThat(all.get("total_count").asInt()).isEqualTo(2);
        assertThat(all.get("0").get("case").get("case_id").asLong()).isEqualTo(second.caseId());
        assertThat(all.get("1").get("case").get("case_id").asLong()).isEqualTo(first.caseId());

        JsonNode operator = ApiClient.json(api.get("/api/cases.json?labels[]=201"));
        assertThat(operator.get("total_count").asInt()).isEqualTo(1);
        assertThat(operator.get("0").get("case").get("case_id").asLong()).isEqualTo(first.caseId());

        JsonNode paged = ApiClient.json(api.get("/api/cases.json?status%5B%5D=open&limit=1&page=2"));
        assertThat(paged.get("total_count").asInt()).isEqualTo(2);
        assertThat(paged.get("0").get("case").get("case_id").asLong()).isEqualTo(first.caseId());
    }

    private static List<String> contents(JsonNode keyedList) {
        List<String> out = new ArrayList<>();
        for (int i = 0; keyedList.has(Integer.toString(i)); i++) {
            out.add(keyedList.get(Integer.toString(i)).get("message").get("content").asText());
        }
        return out;
    }
}
