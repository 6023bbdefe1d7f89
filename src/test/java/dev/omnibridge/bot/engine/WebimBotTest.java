package dev.omnibridge.bot.engine;

import static dev.omnibridge.bot.engine.Engines.json;
import static dev.omnibridge.bot.engine.Engines.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebimBotTest {

    private final WebimBot bot = new WebimBot();

    @Test
    void theFirstMessageOpensTheChatLikeWebimDoes() {
        DialogState dialog = new DialogState(5001, Owner.BOT, 0);

        JsonNode request = bot.request(dialog, message(5001, "Привет"), Optional.empty());

        assertThat(request).isEqualTo(json("""
                {"chat":{"id":"5001"},"event":"new_chat",
                 "visitor":{"id":"77","fields":{"name":"Иван","email":"ivan@example.com","phone":"+79990000000"}},
                 "messages":[{"kind":"visitor","text":"Привет"}]}"""));
    }

    @Test
    void laterMessagesAndButtonChoicesAreNewMessageEvents() {
        DialogState dialog = new DialogState(5001, Owner.BOT, 0);
        dialog.setNewDialog(false);

        JsonNode text = bot.request(dialog, message(5001, "Где заказ?"), Optional.empty());
        JsonNode choice = bot.request(dialog, message(5001, "2"), Optional.of(new Button("pickup", "Самовывоз")));

        assertThat(text.path("event").asText()).isEqualTo("new_message");
        assertThat(text.path("kind").asText()).isEqualTo("visitor");
        assertThat(text.path("text").asText()).isEqualTo("Где заказ?");
        assertThat(text.path("visitor").path("fields").path("name").asText()).isEqualTo("Иван");
        assertThat(choice.path("kind").asText()).isEqualTo("keyboard_response");
        assertThat(choice.path("response")).isEqualTo(json("{\"button\":{\"id\":\"pickup\",\"text\":\"Самовывоз\"}}"));
    }

    @Test
    void newMessageOnlyWhenNewChatIsSwitchedOff() {
        bot.setNewChatEvent(false);

        JsonNode request = bot.request(new DialogState(1, Owner.BOT, 0), message(1, "Привет"), Optional.empty());

        assertThat(request.path("event").asText()).isEqualTo("new_message");
        assertThat(request.path("text").asText()).isEqualTo("Привет");
    }

    @Test
    void readsTextsAndKeyboardRows() {
        EngineAnswer answer = WebimBot.read(json("""
                {"has_answer":true,"messages":[
                  {"kind":"operator","text":"Как доставить?"},
                  {"kind":"file_operator","url":"https://x/y.pdf"},
                  {"kind":"keyboard","buttons":[[{"id":"c","text":"Курьером"},{"id":1,"text":"Почтой"}],
                                                [{"id":"p","text":"Самовывоз"}]]}]}"""));

        assertThat(answer.replies()).containsExactly("Как доставить?");
        assertThat(answer.buttons()).containsExactly(new Button("c", "Курьером"), new Button("1", "Почтой"),
                new Button("p", "Самовывоз"));
        assertThat(answer.handoff()).isNull();
    }

    @Test
    void noAnswerIsAHandoff() {
        Handoff handoff = WebimBot.read(json("{\"has_answer\":false}")).handoff();

        assertThat(handoff.reason()).isEqualTo(Handoff.BOT_DECIDED);
        assertThat(handoff.detail()).contains("has_answer: false");
    }

    @Test
    void anAnswerOutsideTheContractIsGarbage() {
        assertThatThrownBy(() -> WebimBot.read(json("[]"))).isInstanceOf(EngineException.class);
        assertThatThrownBy(() -> WebimBot.read(json("{\"messages\":[]}")))
                .hasMessage("Webim answer without a has_answer flag");
        assertThatThrownBy(() -> WebimBot.read(json("{\"has_answer\":\"yes\"}")))
                .isInstanceOf(EngineException.class);
        assertThatThrownBy(() -> WebimBot.read(json("{\"has_answer\":true,\"messages\":{}}")))
                .isInstanceOf(EngineException.class);
        assertThatThrownBy(() -> WebimBot.read(json("{\"has_answer\":true,\"messages\":[{\"kind\":\"keyboard\"}]}")))
                .isInstanceOf(EngineException.class);
    }
}
