package dev.omnibridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Button;
import dev.omnibridge.webhook.OperatorReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TelegramMessages messages = new TelegramMessages();

    TelegramMessagesTest() {
        TelegramRequests requests = new TelegramRequests();
        requests.setToken("123:secret");
        messages.setRequests(requests);
        messages.setEscalatedMessage("Оператор ответит здесь.");
        messages.setClosedMessage("");
    }

    @Test
    void aTurnIsOneMessageWithItsButtonsAsAnInlineKeyboard() throws Exception {
        BotTurn turn = new BotTurn(List.of("Здравствуйте!", "Выберите тему:"),
                List.of(new Button("delivery", "Доставка"), new Button("payment", "Оплата")), null);
        List<TelegramRequest> sent = messages.ofTurn(555, turn);
        assertThat(sent).hasSize(1);
        JsonNode body = JSON.readTree(sent.get(0).body());
        assertThat(body.path("chat_id").asLong()).isEqualTo(555);
        assertThat(body.path("text").asText()).isEqualTo("Здравствуйте!\n\nВыберите тему:");
        JsonNode rows = body.path("reply_markup").path("inline_keyboard");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(0).path("text").asText()).isEqualTo("Оплата");
        assertThat(rows.get(1).get(0).path("callback_data").asText()).isEqualTo("b2");
        // the token is never part of a prepared request
        assertThat(sent.get(0).toString()).doesNotContain("secret");
    }

    @Test
    void repliesApartWhenNotJoinedAndTheButtonsUnderTheLast() throws Exception {
        messages.setJoin(false);
        List<TelegramRequest> sent = messages.ofTurn(555, new BotTurn(List.of("a", "b"),
                List.of(new Button("x", "X")), null));
        assertThat(sent).hasSize(2);
        assertThat(JSON.readTree(sent.get(0).body()).has("reply_markup")).isFalse();
        assertThat(JSON.readTree(sent.get(1).body()).has("reply_markup")).isTrue();
    }

    @Test
    void anOperatorsHtmlReplyIsPlainTextInPartsOfAtMost4096() throws Exception {
        String html = "<p>" + "слово ".repeat(1200) + "</p>";
        List<TelegramRequest> sent = messages.ofReply(555, new OperatorReply(1, 5001, 1002, 9, "555", html, false,
                false, List.of()));
        assertThat(sent).hasSizeGreaterThan(1);
        for (TelegramRequest request : sent) {
            String text = JSON.readTree(request.body()).path("text").asText();
            assertThat(text.length()).isBetween(1, 4096);
            assertThat(text).doesNotContain("<p>");
        }
    }

    @Test
    void anEmptyNoticeSendsNothing() {
        assertThat(messages.caseClosed(555)).isEmpty();
        assertThat(messages.escalated(555)).hasSize(1);
    }
}
