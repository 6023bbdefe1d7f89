package dev.omnibridge.bot.engine;

import static dev.omnibridge.bot.engine.Engines.json;
import static dev.omnibridge.bot.engine.Engines.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.bot.TurnMessages;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import dev.omnibridge.dialog.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The generic contract: each test sets the bot's next answer, and the requests the bridge would send are kept. */
class GenericJsonBotTest {

    private final AtomicReference<String> answer = new AtomicReference<>("{\"replies\":[\"ok\"]}");
    private final List<JsonNode> sent = new ArrayList<>();
    private final GenericJsonBot bot = new GenericJsonBot();
    private final DialogState dialog = new DialogState(5001, Owner.BOT, 0);

    /** A turn as routes/bot-engine.yaml makes it: the request goes out, the answer comes back and becomes a turn. */
    private BotTurn respond(DialogState dialog, WebhookEvent message) {
        sent.add(json(bot.request(dialog, message).toString())); // as it goes over the wire
        return bot.read(dialog, json(answer.get())).toTurn(dialog, GenericJsonBot.ENGINE, "Передаю оператору");
    }

    @Test
    void theRequestCarriesCaseVisitorTextAndMemory() {
        dialog.getMemory().put("generic.step", "ask-city");
        dialog.getMemory().put(FailSafeBot.FALLBACK_AT, "1"); // the bridge's own keys stay private

        respond(dialog, message(5001, "Москва"));

        assertThat(sent.get(0)).isEqualTo(json("""
                {"case_id":5001,"new_dialog":true,"text":"Москва",
                 "visitor":{"id":"77","name":"Иван","email":"ivan@example.com","phone":"+79990000000"},
                 "memory":{"step":"ask-city"}}"""));
    }

    @Test
    void repliesButtonsAndAChosenButton() {
        answer.set("{\"replies\":[\"Город?\"],\"buttons\":[{\"id\":\"msk\",\"text\":\"Москва\"},{\"text\":\"Сочи\"}]}");
        BotTurn turn = respond(dialog, message(5001, "Доставка"));
        assertThat(new TurnMessages().of(turn)).containsExactly("Город?\n1. Москва\n2. Сочи");

        answer.set("{\"replies\":[\"Принято\"]}");
        respond(dialog, message(5001, "2"));

        assertThat(sent.get(1).path("button"))
                .isEqualTo(json("{\"id\":\"Сочи\",\"text\":\"Сочи\"}"));
        assertThat(sent.get(1).path("text").asText()).isEqualTo("2");
    }

    @Test
    void memoryIsKeptChangedAndRemoved() {
        answer.set("{\"replies\":[\"a\"],\"memory\":{\"step\":\"two\",\"count\":3,\"cart\":{\"sku\":1}}}");
        respond(dialog, message(5001, "1"));
        answer.set("{\"replies\":[\"b\"],\"memory\":{\"step\":null}}");
        respond(dialog, message(5001, "2"));
        answer.set("{\"replies\":[\"c\"]}");
        respond(dialog, message(5001, "3"));

        assertThat(sent.get(1).path("memory"))
                .isEqualTo(json("{\"step\":\"two\",\"count\":\"3\",\"cart\":\"{\\\"sku\\\":1}\"}"));
        assertThat(sent.get(2).path("memory"))
                .isEqualTo(json("{\"count\":\"3\",\"cart\":\"{\\\"sku\\\":1}\"}"));
    }

    @Test
    void handoffInItsThreeSpellings() {
        answer.set("{\"replies\":[\"Зову оператора\"],\"handoff\":{\"reason\":\"Refund over the limit\"}}");
        BotTurn withReason = respond(dialog, message(5001, "возврат"));
        answer.set("{\"handoff\":true}");
        BotTurn bare = respond(dialog, message(5001, "человек"));
        answer.set("{\"replies\":[\"x\"],\"handoff\":\"VIP customer\"}");
        BotTurn text = respond(dialog, message(5001, "vip"));
        answer.set("{\"replies\":[\"x\"],\"handoff\":false}");
        BotTurn none = respond(dialog, message(5001, "ok"));

        assertThat(withReason.replies()).containsExactly("Зову оператора");
        assertThat(withReason.handoff()).isEqualTo(new Handoff(Handoff.BOT_DECIDED, "Refund over the limit"));
        assertThat(bare.replies()).containsExactly("Передаю оператору");
        assertThat(bare.handoff().detail()).isEqualTo("The bot asked for an operator");
        assertThat(text.handoff().detail()).isEqualTo("VIP customer");
        assertThat(none.hasHandoff()).isFalse();
    }

    @Test
    void aBrokenAnswerChangesNothing() {
        dialog.getMemory().put("generic.step", "one");
        for (String broken : new String[] {
                "[]", "{\"replies\":\"hi\"}", "{\"replies\":[1]}", "{\"buttons\":[{\"id\":\"x\"}]}",
                "{\"handoff\":5}", "{\"memory\":[]}", "{\"memory\":{\"k\":\"" + "x".repeat(1001) + "\"}}",
                "{\"memory\":{\"" + "k".repeat(65) + "\":\"v\"}}"}) {
            answer.set(broken);
            assertThatThrownBy(() -> respond(dialog, message(5001, "Привет")))
                    .as(broken).isInstanceOf(EngineException.class);
        }
        assertThat(dialog.getMemory()).containsEntry("generic.step", "one");
    }

    @Test
    void memoryIsBoundedInKeys() {
        StringBuilder many = new StringBuilder("{\"replies\":[\"a\"],\"memory\":{");
        for (int i = 0; i < GenericJsonBot.MAX_MEMORY_KEYS + 1; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        answer.set(many.append("}}").toString());

        assertThatThrownBy(() -> respond(dialog, message(5001, "Привет")))
                .hasMessage("memory with more than 20 keys");
    }
}
