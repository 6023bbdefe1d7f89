package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The custom channel "Telegram bot" (cch1): its cases and users, and staff messages posted to its URL. */
class CustomChannelTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private WebhookReceiver bridge;
    private ApiClient api;
    private ApiClient control;

    @BeforeEach
    void start() {
        bridge = new WebhookReceiver();
        api = ApiClient.authenticated(sandbox.get());
        control = ApiClient.anonymous(sandbox.get());
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void listsTheChannelAsAKeyedList() {
        JsonNode list = ApiClient.json(api.get("/api/custom_channels.json"));
        assertThat(list.get("total_count").asInt()).isEqualTo(1);
        JsonNode channel = list.get("0").get("custom_channel");
        assertThat(channel.get("channel_id").asLong()).isEqualTo(1);
        assertThat(channel.get("channel_api_key").asText()).isEqualTo("cch1");
        assertThat(channel.get("title").asText()).isEqualTo("Telegram bot");
        assertThat(channel.get("channel_type").asText()).isEqualTo("async");
        assertThat(channel.get("active").asBoolean()).isTrue();
        assertThat(channel.get("webhook_url").asText()).isEmpty();

        assertThat(control.post("/sandbox/channel", "{\"webhook_url\": \"" + bridge.url("/channel") + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(api.get("/api/custom_channels.json")).get("0").get("custom_channel")
                .get("webhook_url").asText()).isEqualTo(bridge.url("/channel"));
        assertThat(ApiClient.json(control.get("/sandbox")).get("custom_channels").get(0).get("channel_api_key")
                .asText()).isEqualTo("cch1");
    }

    @Test
    void createsCasesForAChatIdAndFindsThemAndTheUser() {
        long first = createCase("100500", "Иван").get("case_id").asLong();
        JsonNode second = createCase("100500", "Иван");
        assertThat(second.get("channel").asText()).isEqualTo("cch1");
        createCase("777", "Ольга");
        SandboxCase a = sandbox.get().caseById(first);
        assertThat(second.get("user_id").asLong()).isEqualTo(a.userId());

        HttpResponse<String> unknown = api.post("/api/cases.json",
                "{\"case\": {\"user_custom_id\": \"1\", \"content\": \"x\", \"channel\": \"cch9\"}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"channel_not_found\"}");

        api.put("/api/cases/" + first + ".json", "{\"case\": {\"status\": \"closed\"}}");
        JsonNode open = ApiClient.json(api.get("/api/cases.json?user_custom_id=100500&channel[]=cch1&status[]=open"));
        assertThat(open.get("total_count").asInt()).isEqualTo(1);
        assertThat(open.get("0").get("case").get("case_id").asLong()).isEqualTo(second.get("case_id").asLong());

        JsonNode users = ApiClient.json(api.get("/api/users.json?user_custom_id=100500&user_custom_channel=cch1"));
        assertThat(users.get("total_count").asInt()).isEqualTo(1);
        JsonNode user = users.get("0").get("user");
        assertThat(user.get("user_id").asLong()).isEqualTo(a.userId());
        assertThat(user.get("user_custom_id").asText()).isEqualTo("100500");
        assertThat(user.get("user_custom_channel").asText()).isEqualTo("cch1");
        assertThat(user.get("user_full_name").asText()).isEqualTo("Иван");
    }

    @Test
    void customerMessagesComeAsJsonOrAsAFormWithFiles() throws Exception {
        JsonNode c = createCase("42", "Иван");
        long caseId = c.get("case_id").asLong();
        long userId = c.get("user_id").asLong();
        String path = "/api/cases/" + caseId + "/messages.json";
        sandbox.get().closeCase(caseId);

        HttpResponse<String> json = api.post(path, "{\"message\": {\"user_id\": " + userId + ", \"content\": \"ещё\"}}");
        assertThat(json.statusCode()).isEqualTo(201);
        assertThat(sandbox.get().caseById(caseId).status()).isEqualTo("open");

        byte[] pdf = "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> form = multipart(path, Map.of("message[user_id]", Long.toString(userId),
                "message[content]", "счёт во вложении"), "message[attachments][0]", "invoice.pdf", "application/pdf", pdf);
        assertThat(form.statusCode()).isEqualTo(201);
        JsonNode m = ApiClient.json(form).get("message");
        assertThat(m.get("user_id").asLong()).isEqualTo(userId);
        assertThat(m.get("content").asText()).isEqualTo("счёт во вложении");
        JsonNode file = m.get("attachments").get(0);
        assertThat(file.get("file_name").asText()).isEqualTo("invoice.pdf");
        assertThat(file.get("file_size").asLong()).isEqualTo(pdf.length);
        assertThat(file.get("mime_type").asText()).isEqualTo("application/pdf");
        assertThat(file.get("file_id").asLong()).isPositive();
        assertThat(sandbox.get().messages(caseId).get(2).attachments()).hasSize(1);

        String url = file.get("url").asText();
        assertThat(url).startsWith(sandbox.get().baseUrl());
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);

        HttpResponse<String> missing = api.post("/api/cases/1/messages.json",
                "{\"message\": {\"user_id\": " + userId + ", \"content\": \"x\"}}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"case_not_found\"}");
    }

    @Test
    void staffRepliesAndNotesArePostedToTheChannelFormEncoded() {
        sandbox.get().setChannelWebhookUrl(bridge.url("/channel/s3cret"));
        JsonNode c = createCase("100500", "Иван");
        long caseId = c.get("case_id").asLong();

        assertThat(control.post("/sandbox/cases/" + caseId + "/operator-messages",
                "{\"html\": \"<p>Здравствуйте, <b>Иван</b></p>\"}").statusCode()).isEqualTo(201);
        assertThat(control.post("/sandbox/cases/" + caseId + "/notes", "{\"text\": \"для своих\"}").statusCode())
                .isEqualTo(201);
        api.post("/api/cases/" + caseId + "/messages.json", "{\"message\": {\"staff_id\": 1001, \"content\": \"бот\"}}");
        sandbox.get().customerWrites(caseId, "customer messages are not posted back");

        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.get().channelDeliveries().size() == 3);
        assertThat(bridge.received()).hasSize(3).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/channel/s3cret");
            assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
        });
        Map<String, String> reply = form(bridge.bodies().get(0));
        long replyId = sandbox.get().messages(caseId).get(1).messageId();
        assertThat(reply).containsEntry("type", "message_new")
                .containsEntry("object[message_id]", Long.toString(replyId))
                .containsEntry("object[case_id]", Long.toString(caseId))
                .containsEntry("object[staff_id]", "1002")
                .containsEntry("object[user_id]", c.get("user_id").asText())
                .containsEntry("object[custom_user_id]", "100500")
                .containsEntry("object[content]", "<p>Здравствуйте, <b>Иван</b></p>")
                .containsEntry("object[note]", "0")
                .containsEntry("object[sent_via_rule]", "0");
        assertThat(form(bridge.bodies().get(1))).containsEntry("object[note]", "1")
                .containsEntry("object[content]", "<p>для своих</p>");
        assertThat(form(bridge.bodies().get(2))).containsEntry("object[staff_id]", "1001");
        JsonNode deliveries = ApiClient.json(control.get("/sandbox/channel/deliveries"));
        assertThat(deliveries).hasSize(3);
        assertThat(deliveries.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(deliveries.get(0).get("message_id").asLong()).isEqualTo(replyId);
    }

    @Test
    void retriesAFailingReceiverAndCanDuplicateOnPurpose() {
        sandbox.get().setChannelWebhookUrl(bridge.url("/channel"));
        long caseId = createCase("9", "Пётр").get("case_id").asLong();
        bridge.answerWith(503);
        sandbox.get().operatorWrites(caseId, "lost");
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.get().channelDeliveries().size() == 1);
        assertThat(bridge.received()).hasSize(ChannelSender.ATTEMPTS);
        assertThat(sandbox.get().channelDeliveries().get(0).status()).isEqualTo(503);

        bridge.answerWith(200);
        control.post("/sandbox/channel", "{\"duplicateDeliveries\": true}");
        sandbox.get().operatorWrites(caseId, "twice");
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.get().channelDeliveries().size() == 3);
        assertThat(bridge.bodies().subList(ChannelSender.ATTEMPTS, ChannelSender.ATTEMPTS + 2))
                .allSatisfy(body -> assertThat(form(body)).containsEntry("object[content]", "<p>twice</p>"));
        assertThat(ApiClient.json(control.post("/sandbox/channel", "{\"reset\": true}"))
                .get("duplicateDeliveries").asBoolean()).isFalse();
    }

    @Test
    void closingACaseFiresTheCaseClosedRule() {
        sandbox.get().setCaseClosedWebhookUrl(bridge.url("/closed?case=[case_id]"));
        long viaControl = createCase("100500", "Иван").get("case_id").asLong();
        long viaApi = createCase("777", "Ольга").get("case_id").asLong();

        JsonNode closed = ApiClient.json(control.post("/sandbox/cases/" + viaControl + "/close", null));
        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("closed_at").asText()).isNotEqualTo("-");
        api.put("/api/cases/" + viaApi + ".json", "{\"case\": {\"status\": \"closed\"}}");
        api.put("/api/cases/" + viaApi + ".json", "{\"case\": {\"status\": \"closed\"}}");

        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.received().size() == 2);
        assertThat(bridge.bodies()).containsExactly(
                "{\"type\": \"case_closed\", \"object\": {\"case_id\": " + viaControl + ", \"custom_user_id\": \"100500\"}}",
                "{\"type\": \"case_closed\", \"object\": {\"case_id\": " + viaApi + ", \"custom_user_id\": \"777\"}}");
        assertThat(bridge.received().get(0).query()).isEqualTo("case=" + viaControl);
        JsonNode hooks = ApiClient.json(control.get("/sandbox/webhooks"));
        assertThat(hooks).extracting(h -> h.get("rule").asText()).containsExactly("case-closed", "case-closed");
    }

    private JsonNode createCase(String chatId, String name) {
        HttpResponse<String> r = api.post("/api/cases.json", "{\"case\": {\"user_custom_id\": \"" + chatId + "\","
                + " \"user_full_name\": \"" + name + "\", \"subject\": \"Telegram\", \"content\": \"Привет\","
                + " \"channel\": \"cch1\"}}");
        assertThat(r.statusCode()).isEqualTo(201);
        return ApiClient.json(r).get("case");
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((sandbox.get().staffEmail() + ":" + sandbox.get().apiKey())
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> multipart(String path, Map<String, String> fields, String fileField, String fileName,
                                           String mimeType, byte[] content) throws IOException, InterruptedException {
        String boundary = "sandbox-boundary-42";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.get().baseUrl() + path))
                .header("Authorization", basic())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
