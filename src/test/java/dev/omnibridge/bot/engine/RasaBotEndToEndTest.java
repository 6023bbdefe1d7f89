package dev.omnibridge.bot.engine;

import static dev.omnibridge.bot.engine.Conversations.awaitBotMessages;
import static dev.omnibridge.bot.engine.Conversations.awaitNotes;
import static dev.omnibridge.bot.engine.Conversations.hasBotLabel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.bot.engine.FakeEngine.Request;
import dev.omnibridge.bot.engine.FakeEngine.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** bot.type=rasa through the real application: sandbox Omnidesk → webhook → bridge → Rasa's REST channel. */
class RasaBotEndToEndTest extends EngineEndToEndContract {

    static final String REST = RasaBot.REST_PATH;

    /** The last message per sender, for the tracker: Rasa classifies it, the tracker tells its intent. */
    private final Map<String, String> lastMessage = new ConcurrentHashMap<>();

    @Override
    String type() {
        return "rasa";
    }

    @Override
    String path() {
        return REST;
    }

    @Override
    Map<String, String> settings() {
        return Map.of("bot.http.token", "rasa-jwt", "bot.rasa.handoff-intent", "complaint");
    }

    /** Rasa's REST channel and tracker, for an assistant about delivery. */
    @Override
    Response answer(Request request) {
        if (request.method().equals("GET") && request.path().matches("/conversations/\\d+/tracker")) {
            String sender = request.path().split("/")[2];
            String intent = lastMessage.getOrDefault(sender, "").contains("жалоба") ? "complaint" : "chitchat";
            return Response.json(Map.of("sender_id", sender,
                    "latest_message", Map.of("text", lastMessage.getOrDefault(sender, ""),
                            "intent", Map.of("name", intent, "confidence", 0.93))));
        }
        if (!request.path().equals(REST)) {
            return Response.raw(404, "application/json", "{}");
        }
        JsonNode message = request.json();
        String sender = message.path("sender").asText();
        String text = message.path("message").asText();
        lastMessage.put(sender, text);
        Object reply;
        if (text.equals("/choose_pickup")) {
            reply = List.of(Map.of("recipient_id", sender, "text", "Самовывоз: пункт на Ленина, 1"));
        } else if (text.contains("доставк")) {
            reply = List.of(Map.of("recipient_id", sender, "text", "Как доставить?", "buttons", List.of(
                    Map.of("title", "Курьером", "payload", "/choose_courier"),
                    Map.of("title", "Самовывоз", "payload", "/choose_pickup"))));
        } else if (text.contains("человек")) {
            reply = List.of(Map.of("recipient_id", sender, "text", "Зову человека"),
                    Map.of("recipient_id", sender,
                            "custom", Map.of("handoff", Map.of("reason", "Customer wants a human"))));
        } else if (text.contains("жалоба")) {
            reply = List.of(Map.of("recipient_id", sender, "text", "Очень жаль это слышать"));
        } else {
            reply = List.of(Map.of("recipient_id", sender, "text", "Rasa: " + text));
        }
        return Response.json(reply);
    }

    private List<JsonNode> messagesFrom(long caseId) {
        return engine.requests(r -> r.path().equals(REST)).stream().map(Request::json)
                .filter(j -> j.path("sender").asText().equals(Long.toString(caseId))).toList();
    }

    @Test
    void buttonsBecomeANumberedListAndTheNumberIsSentAsThePayload() {
        long caseId = bridge.sandbox().createCase("Как работает доставка?", "Ivan", "ivan@example.com").caseId();

        assertThat(awaitBotMessages(bridge, caseId, 1)).containsExactly("Как доставить?\n1. Курьером\n2. Самовывоз");
        JsonNode first = messagesFrom(caseId).get(0);
        assertThat(first.path("message").asText()).isEqualTo("Как работает доставка?");
        assertThat(first.path("metadata").path("visitor").path("name").asText()).isEqualTo("Ivan");
        assertThat(engine.requests().get(0).header("Authorization")).isEqualTo("Bearer rasa-jwt");

        bridge.sandbox().customerWrites(caseId, "2");

        assertThat(awaitBotMessages(bridge, caseId, 2)).last().isEqualTo("Самовывоз: пункт на Ленина, 1");
        assertThat(messagesFrom(caseId).get(1).path("message").asText()).isEqualTo("/choose_pickup");
    }

    @Test
    void theHandoffPayloadHandsOverWithTheBotsReason() {
        long caseId = bridge.sandbox().createCase("Привет", "Maria", "").caseId();
        assertThat(awaitBotMessages(bridge, caseId, 1)).containsExactly("Rasa: Привет");

        bridge.sandbox().customerWrites(caseId, "Дайте человека");

        String note = awaitNotes(bridge, caseId, 1).get(0);
        assertThat(note).contains("bot-decided", "Customer wants a human", "Дайте человека");
        assertThat(bridge.botMessages(caseId)).containsExactly("Rasa: Привет", "Зову человека");
        assertThat(hasBotLabel(bridge, caseId)).isFalse();
    }

    @Test
    void theHandoffIntentFromTheTrackerHandsOver() {
        long caseId = bridge.sandbox().createCase("Привет", "", "").caseId();
        awaitBotMessages(bridge, caseId, 1);

        bridge.sandbox().customerWrites(caseId, "У меня жалоба на курьера");

        String note = awaitNotes(bridge, caseId, 1).get(0);
        assertThat(note).contains("bot-decided", "Rasa recognised the intent 'complaint'");
        assertThat(bridge.botMessages(caseId)).last().isEqualTo("Очень жаль это слышать");
        assertThat(engine.requests(r -> r.path().equals("/conversations/" + caseId + "/tracker"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.query()).isEqualTo("include_events=NONE"));
        assertThat(hasBotLabel(bridge, caseId)).isFalse();
    }
}
