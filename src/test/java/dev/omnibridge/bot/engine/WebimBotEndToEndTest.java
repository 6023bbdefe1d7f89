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
import org.junit.jupiter.api.Test;

/** bot.type=webim through the real application: sandbox Omnidesk → webhook → bridge → a Webim API 1.0 bot. */
class WebimBotEndToEndTest extends EngineEndToEndContract {

    static final String KEYBOARD_QUESTION = "Здравствуйте, %s! Как доставить заказ?";

    @Override
    String type() {
        return "webim";
    }

    @Override
    Map<String, String> settings() {
        return Map.of("bot.http.token", "webim-secret-token");
    }

    /** A Webim External Bot API 1.0 bot: greets with a keyboard, echoes buttons, gives up on "оператор". */
    @Override
    Response answer(Request request) {
        JsonNode update = request.json();
        if ("new_chat".equals(update.path("event").asText())) {
            String name = update.path("visitor").path("fields").path("name").asText();
            return Response.json(Map.of("has_answer", true, "messages", List.of(
                    Map.of("kind", "operator", "text", KEYBOARD_QUESTION.formatted(name)),
                    Map.of("kind", "keyboard", "buttons", List.of(
                            List.of(Map.of("id", "courier", "text", "Курьером")),
                            List.of(Map.of("id", "pickup", "text", "Самовывоз")))))));
        }
        if ("keyboard_response".equals(update.path("kind").asText())) {
            String id = update.path("response").path("button").path("id").asText();
            return Response.json(Map.of("has_answer", true,
                    "messages", List.of(Map.of("kind", "operator", "text", "Выбрано: " + id))));
        }
        String text = update.path("text").asText();
        if (text.contains("оператор")) {
            return Response.json(Map.of("has_answer", false));
        }
        return Response.json(Map.of("has_answer", true,
                "messages", List.of(Map.of("kind", "operator", "text", "Вы написали: " + text))));
    }

    private List<JsonNode> requestsFor(long caseId) {
        return engine.requests().stream().map(Request::json)
                .filter(j -> j.path("chat").path("id").asText().equals(Long.toString(caseId))).toList();
    }

    @Test
    void theKeyboardBecomesANumberedListAndTheNumberComesBackAsTheButton() {
        long caseId = bridge.sandbox().createCase("Привет", "Ivan", "ivan@example.com").caseId();

        assertThat(awaitBotMessages(bridge, caseId, 1))
                .containsExactly(KEYBOARD_QUESTION.formatted("Ivan") + "\n1. Курьером\n2. Самовывоз");
        JsonNode opened = requestsFor(caseId).get(0);
        assertThat(opened.path("event").asText()).isEqualTo("new_chat");
        assertThat(opened.path("messages").path(0).path("text").asText()).isEqualTo("Привет");
        assertThat(opened.path("visitor").path("fields").path("email").asText()).isEqualTo("ivan@example.com");
        assertThat(engine.requests().get(0).header("Authorization")).isEqualTo("Token webim-secret-token");

        bridge.sandbox().customerWrites(caseId, "2");

        assertThat(awaitBotMessages(bridge, caseId, 2)).last().isEqualTo("Выбрано: pickup");
        JsonNode choice = requestsFor(caseId).get(1);
        assertThat(choice.path("event").asText()).isEqualTo("new_message");
        assertThat(choice.path("kind").asText()).isEqualTo("keyboard_response");
        assertThat(choice.path("response").path("button").path("id").asText()).isEqualTo("pickup");
        assertThat(choice.path("response").path("button").path("text").asText()).isEqualTo("Самовывоз");
    }

    @Test
    void theButtonsTextIsAChoiceTooAndTheMenuHoldsForOneMessage() {
        long caseId = bridge.sandbox().createCase("Добрый день", "Olga", "").caseId();
        awaitBotMessages(bridge, caseId, 1);

        bridge.sandbox().customerWrites(caseId, "курьером!");
        assertThat(awaitBotMessages(bridge, caseId, 2)).last().isEqualTo("Выбрано: courier");

        bridge.sandbox().customerWrites(caseId, "1");
        assertThat(awaitBotMessages(bridge, caseId, 3)).last().isEqualTo("Вы написали: 1");
        assertThat(requestsFor(caseId).get(2).path("kind").asText()).isEqualTo("visitor");
    }

    @Test
    void noAnswerHandsTheCaseToAnOperator() {
        long caseId = bridge.sandbox().createCase("Привет", "Maria", "").caseId();
        awaitBotMessages(bridge, caseId, 1);

        bridge.sandbox().customerWrites(caseId, "Позовите оператора");

        String note = awaitNotes(bridge, caseId, 1).get(0);
        assertThat(note).contains("bot-decided", "has_answer: false", "Позовите оператора");
        assertThat(hasBotLabel(bridge, caseId)).isFalse();
        // Webim's has_answer:false carries no words: the customer hears the configured handoff message.
        assertThat(bridge.botMessages(caseId)).last()
                .isEqualTo("Передаю ваш вопрос оператору — он ответит здесь же.");
    }
}
