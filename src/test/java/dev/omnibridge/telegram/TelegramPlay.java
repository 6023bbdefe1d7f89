package dev.omnibridge.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Plays the people around a Variant 2 bridge over the sandbox's HTTP control API, as a person trying it would: the
 * Telegram customer (writes, sends a file, presses a button, looks at the chat) and the operator in Omnidesk (replies,
 * writes a note, closes the case), and reads what the sandbox Omnidesk holds through its REST API.
 */
public final class TelegramPlay {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String sandboxUrl;
    private final String apiAuth;

    public TelegramPlay(String sandboxUrl, String staffEmail, String apiKey) {
        this.sandboxUrl = sandboxUrl;
        this.apiAuth = "Basic " + Base64.getEncoder().encodeToString((staffEmail + ":" + apiKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    // --- the Telegram customer ---

    public JsonNode write(long chatId, String name, String text) {
        return post("/sandbox/telegram/chats/" + chatId + "/messages", JSON.createObjectNode().put("text", text)
                .put("name", name));
    }

    public JsonNode sendDocument(long chatId, String fileName, byte[] content, String caption) {
        return post("/sandbox/telegram/chats/" + chatId + "/documents", JSON.createObjectNode()
                .put("file_name", fileName).put("mime_type", "application/pdf")
                .put("content_base64", Base64.getEncoder().encodeToString(content)).put("caption", caption));
    }

    public HttpResponse<String> press(long chatId, String buttonText) {
        return send("POST", "/sandbox/telegram/chats/" + chatId + "/press",
                JSON.createObjectNode().put("text", buttonText).toString(), null);
    }

    /** What the chat shows: every message (customer's and bot's), with its current keyboard, and the presses. */
    public JsonNode chat(long chatId) {
        return json(send("GET", "/sandbox/telegram/chats/" + chatId, null, null));
    }

    /** The texts the bot sent to the chat, oldest first. */
    public List<String> botTexts(long chatId) {
        List<String> texts = new ArrayList<>();
        for (JsonNode m : chat(chatId).path("messages")) {
            if ("bot".equals(m.path("from").asText())) {
                texts.add(m.path("text").asText());
            }
        }
        return texts;
    }

    public void telegramFaults(ObjectNode faults) {
        post("/sandbox/telegram/faults", faults);
    }

    public JsonNode telegramCalls() {
        return json(send("GET", "/sandbox/telegram/calls", null, null));
    }

    public JsonNode telegramOverview() {
        return json(send("GET", "/sandbox/telegram", null, null));
    }

    // --- the operator and Omnidesk ---

    /** The chat's cases in the custom channel, through Omnidesk's API (newest first, as the bridge reads them). */
    public List<JsonNode> casesOf(long chatId) {
        JsonNode answer = json(send("GET", "/api/cases.json?user_custom_id=" + chatId + "&channel[]=cch1", null,
                apiAuth));
        List<JsonNode> cases = new ArrayList<>();
        answer.fields().forEachRemaining(e -> {
            if (e.getValue().has("case")) {
                cases.add(e.getValue().path("case"));
            }
        });
        return cases;
    }

    public void operatorReplies(long caseId, String text) {
        post("/sandbox/cases/" + caseId + "/operator-messages", JSON.createObjectNode().put("text", text));
    }

    public void operatorRepliesHtml(long caseId, String html) {
        post("/sandbox/cases/" + caseId + "/operator-messages", JSON.createObjectNode().put("html", html));
    }

    public void operatorNote(long caseId, String text) {
        post("/sandbox/cases/" + caseId + "/notes", JSON.createObjectNode().put("text", text));
    }

    public void closeCase(long caseId) {
        post("/sandbox/cases/" + caseId + "/close", JSON.createObjectNode());
    }

    public void channelFaults(ObjectNode faults) {
        post("/sandbox/channel", faults);
    }

    /** A staff message through the API, as the given staff member (the bot's own, in a test of echoes). */
    public void staffWritesThroughApi(long caseId, long staffId, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("message").put("staff_id", staffId).put("content", text);
        HttpResponse<String> answer = send("POST", "/api/cases/" + caseId + "/messages.json", body.toString(), apiAuth);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("staff message refused: " + answer.statusCode() + " " + answer.body());
        }
    }

    private JsonNode post(String path, ObjectNode body) {
        HttpResponse<String> answer = send("POST", path, body.toString(), null);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return json(answer);
    }

    private HttpResponse<String> send(String method, String path, String body, String auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandboxUrl + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (auth != null) {
            request.header("Authorization", auth);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> answer) {
        try {
            return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + answer.body(), e);
        }
    }
}
