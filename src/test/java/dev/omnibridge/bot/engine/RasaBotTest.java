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
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RasaBotTest {

    @Test
    void theCaseIsTheSenderAndAChosenButtonSpeaksItsPayload() {
        DialogState dialog = new DialogState(5001, Owner.BOT, 0);

        JsonNode text = RasaBot.request(dialog, message(5001, "Привет"), "5001", Optional.empty());
        JsonNode choice = RasaBot.request(dialog, message(5001, "2"), "5001",
                Optional.of(new Button("/choose{\"way\":\"pickup\"}", "Самовывоз")));

        assertThat(text.path("sender").asText()).isEqualTo("5001");
        assertThat(text.path("message").asText()).isEqualTo("Привет");
        assertThat(text.path("metadata").path("visitor").path("name").asText()).isEqualTo("Иван");
        assertThat(choice.path("message").asText()).isEqualTo("/choose{\"way\":\"pickup\"}");
    }

    @Test
    void readsTextsImagesAndButtons() {
        EngineAnswer answer = RasaBot.read(json("""
                [{"recipient_id":"1","text":"Как доставить?",
                  "buttons":[{"title":"Курьером","payload":"/courier"},{"title":"Самовывоз"}]},
                 {"recipient_id":"1","image":"https://shop.example/map.png"}]"""), "handoff");

        assertThat(answer.replies()).containsExactly("Как доставить?", "https://shop.example/map.png");
        assertThat(answer.buttons()).containsExactly(new Button("/courier", "Курьером"),
                new Button("Самовывоз", "Самовывоз"));
        assertThat(answer.handoff()).isNull();
    }

    @Test
    void theCustomPayloadMarkerHandsOver() {
        assertThat(RasaBot.read(json("[{\"text\":\"Зову\"},{\"custom\":{\"handoff\":true}}]"), "handoff").handoff())
                .isEqualTo(new Handoff(Handoff.BOT_DECIDED, "Rasa asked for an operator (custom payload 'handoff')"));
        assertThat(RasaBot.read(json("[{\"custom\":{\"handoff\":{\"reason\":\"VIP\"}}}]"), "handoff").handoff())
                .isEqualTo(new Handoff(Handoff.BOT_DECIDED, "VIP"));
        assertThat(RasaBot.read(json("[{\"custom\":{\"to_human\":\"angry\"}}]"), "to_human").handoff().detail())
                .isEqualTo("angry");
        assertThat(RasaBot.read(json("[{\"text\":\"a\",\"custom\":{\"handoff\":false}}]"), "handoff").handoff())
                .isNull();
        assertThat(RasaBot.read(json("[{\"text\":\"a\",\"custom\":{\"handoff\":true}}]"), "").handoff()).isNull();
    }

    @Test
    void anAnswerOutsideTheContractIsGarbage() {
        assertThatThrownBy(() -> RasaBot.read(json("{\"text\":\"hi\"}"), "handoff"))
                .hasMessage("Rasa answer is not a list of messages");
        assertThatThrownBy(() -> RasaBot.read(json("[\"hi\"]"), "handoff")).isInstanceOf(EngineException.class);
    }

    @Test
    void theTrackerIsFoundNextToTheRestChannel() {
        assertThat(RasaBot.derivedTrackerUrl(URI.create("http://rasa:5005/webhooks/rest/webhook")))
                .isEqualTo("http://rasa:5005/conversations/{sender}/tracker?include_events=NONE");
        assertThatThrownBy(() -> RasaBot.derivedTrackerUrl(URI.create("http://proxy/rasa")))
                .hasMessageContaining("bot.rasa.tracker-url");
    }

    @Test
    void anIntentHandoffNeedsAUsableTrackerUrl() {
        RasaBot bot = new RasaBot();
        bot.setEndpoint(URI.create("http://rasa:5005/custom"));
        bot.setHandoffIntent("human");
        assertThatThrownBy(bot::init).hasMessageContaining("bot.rasa.tracker-url");

        bot.setTrackerUrl("http://rasa:5005/conversations/tracker");
        assertThatThrownBy(bot::init).hasMessage("bot.rasa.tracker-url must contain {sender}");

        bot.setTrackerUrl("http://rasa:5005/conversations/{sender}/tracker?token=abc");
        bot.init();
    }

    @Test
    void theTrackerIsReadOnlyWhenNeededAndItsIntentHandsOver() {
        RasaBot bot = new RasaBot();
        bot.setEndpoint(URI.create("http://rasa:5005/webhooks/rest/webhook"));
        bot.setHandoffIntent("complaint");
        bot.init();
        EngineAnswer answer = RasaBot.read(json("[{\"text\":\"Очень жаль\"}]"), "handoff");

        assertThat(bot.readsTracker(answer)).isTrue();
        assertThat(bot.readsTracker(RasaBot.read(json("[{\"custom\":{\"handoff\":true}}]"), "handoff"))).isFalse();
        assertThat(bot.trackerUrl(message(5001, "жалоба")))
                .isEqualTo("http://rasa:5005/conversations/5001/tracker?include_events=NONE");
        assertThat(bot.withIntent(answer, json("{\"latest_message\":{\"intent\":{\"name\":\"complaint\"}}}")))
                .isEqualTo(new EngineAnswer(answer.replies(), List.of(),
                        new Handoff(Handoff.BOT_DECIDED, "Rasa recognised the intent 'complaint'")));
        assertThat(bot.withIntent(answer, json("{\"latest_message\":{\"intent\":{\"name\":\"chitchat\"}}}")))
                .isSameAs(answer);
        assertThatThrownBy(() -> bot.withIntent(answer, json("[]"))).hasMessage("Rasa tracker is not a JSON object");
    }
}
