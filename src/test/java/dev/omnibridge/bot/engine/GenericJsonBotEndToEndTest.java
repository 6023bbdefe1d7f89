package dev.omnibridge.bot.engine;

import static dev.omnibridge.bot.engine.Conversations.awaitBotMessages;
import static dev.omnibridge.bot.engine.Conversations.awaitNotes;
import static dev.omnibridge.bot.engine.Conversations.hasBotLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.bot.engine.FakeEngine.Request;
import dev.omnibridge.bot.engine.FakeEngine.Response;
import dev.omnibridge.telegram.TelegramPlay;
import java.time.Duration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bot.type=generic through the real application: sandbox Omnidesk → webhook → bridge → a bot on the JSON contract. */
class GenericJsonBotEndToEndTest extends EngineEndToEndContract {

    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("bridge:pa55word".getBytes(StandardCharsets.UTF_8));

    @Override
    String type() {
        return "generic";
    }

    @Override
    Map<String, String> settings() {
        // Variant 2 too: the same engine answers in Telegram
        return Map.of("bot.http.username", "bridge", "bot.http.password", "pa55word", "sandbox.telegram", "true",
                "telegram.chat-interval-ms", "100");
    }

    /** A bot written against the README's generic contract: counts turns in its memory, offers cities, hands refunds over. */
    @Override
    Response answer(Request request) {
        if (!BASIC.equals(request.header("Authorization"))) {
            return Response.raw(401, "application/json", "{\"error\":\"unauthorized\"}");
        }
        JsonNode in = request.json();
        int turn = in.path("memory").path("turns").asInt(0) + 1;
        String text = in.path("text").asText();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memory", Map.of("turns", turn));
        if (in.has("button")) {
            out.put("replies", List.of("Вы выбрали " + in.path("button").path("id").asText()));
        } else if (text.contains("возврат")) {
            out.put("replies", List.of("Оформлением возврата займётся оператор"));
            out.put("handoff", Map.of("reason", "Refund needs a human"));
        } else if (text.contains("город")) {
            out.put("replies", List.of("Выберите город"));
            out.put("buttons", List.of(Map.of("id", "msk", "text", "Москва"),
                    Map.of("id", "spb", "text", "Санкт-Петербург")));
        } else if (in.path("new_dialog").asBoolean()) {
            out.put("replies", List.of("Здравствуйте, " + in.path("visitor").path("name").asText() + "!"));
        } else {
            out.put("replies", List.of("Ход " + turn + ": " + text));
        }
        return Response.json(out);
    }

    @Test
    void inTelegramTheEnginesButtonsAreAKeyboardAndAPressIsTheButtonItGetsBack() {
        TelegramPlay play = new TelegramPlay(bridge.sandbox().baseUrl(), bridge.sandbox().staffEmail(),
                bridge.sandbox().apiKey());
        long chat = 730_001;
        play.write(chat, "Ольга", "Здравствуйте");
        await().atMost(Duration.ofSeconds(20)).until(() -> play.botTexts(chat).contains("Здравствуйте, Ольга!"));
        // while the engine thinks, the chat shows "typing…"
        assertThat(play.chat(chat).path("actions").toString()).contains("typing");
        play.write(chat, "Ольга", "какой город?");
        await().atMost(Duration.ofSeconds(20)).until(() -> play.botTexts(chat).contains("Выберите город"));

        assertThat(play.press(chat, "Санкт-Петербург").statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> play.botTexts(chat).contains("Вы выбрали spb"));
        JsonNode pressed = requestsFor(chat).get(requestsFor(chat).size() - 1);
        assertThat(pressed.path("button").path("id").asText()).isEqualTo("spb");
        assertThat(pressed.path("text").asText()).isEqualTo("Санкт-Петербург");

        // the engine hands over: a case in the channel, the engine's words and the transcript in it
        play.write(chat, "Ольга", "хочу возврат");
        await().atMost(Duration.ofSeconds(20)).until(() -> play.casesOf(chat).size() == 1);
        assertThat(bridge.sandbox().messages(play.casesOf(chat).get(0).path("case_id").asLong()).get(0).text())
                .contains("Refund needs a human", "Customer: хочу возврат", "Bot: Оформлением возврата займётся оператор");
    }

    @Test
    void thePlaygroundsReloadSaysAnEngineHasNoScenario() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(bridge.sandbox().baseUrl()
                        + "/sandbox/scenario/reload")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("external_bot", "bot.type=generic", "no scenario to reload");
    }

    private List<JsonNode> requestsFor(long caseId) {
        return engine.requests().stream().map(Request::json).filter(j -> j.path("case_id").asLong() == caseId).toList();
    }

    @Test
    void repliesArriveAndTheMemoryComesBack() {
        long caseId = bridge.sandbox().createCase("Привет", "Olga", "olga@example.com").caseId();
        assertThat(awaitBotMessages(bridge, caseId, 1)).containsExactly("Здравствуйте, Olga!");

        bridge.sandbox().customerWrites(caseId, "как дела?");

        assertThat(awaitBotMessages(bridge, caseId, 2)).last().isEqualTo("Ход 2: как дела?");
        JsonNode first = requestsFor(caseId).get(0);
        assertThat(first.path("new_dialog").asBoolean()).isTrue();
        assertThat(first.path("visitor").path("email").asText()).isEqualTo("olga@example.com");
        assertThat(first.path("memory").size()).isZero();
        JsonNode second = requestsFor(caseId).get(1);
        assertThat(second.path("new_dialog").asBoolean()).isFalse();
        assertThat(second.path("memory").path("turns").asText()).isEqualTo("1");
        assertThat(engine.requests().get(0).header("Authorization")).isEqualTo(BASIC);
    }

    @Test
    void buttonsBecomeANumberedListAndTheTextChoosesOne() {
        long caseId = bridge.sandbox().createCase("Привет", "", "").caseId();
        awaitBotMessages(bridge, caseId, 1);

        bridge.sandbox().customerWrites(caseId, "В какой город доставляете?");
        assertThat(awaitBotMessages(bridge, caseId, 2)).last()
                .isEqualTo("Выберите город\n1. Москва\n2. Санкт-Петербург");
        bridge.sandbox().customerWrites(caseId, "санкт петербург");

        assertThat(awaitBotMessages(bridge, caseId, 3)).last().isEqualTo("Вы выбрали spb");
        JsonNode choice = requestsFor(caseId).get(2);
        assertThat(choice.path("button").path("text").asText()).isEqualTo("Санкт-Петербург");
        assertThat(choice.path("text").asText()).isEqualTo("санкт петербург");
    }

    @Test
    void aHandoffCarriesTheBotsReasonToTheOperator() {
        long caseId = bridge.sandbox().createCase("Привет", "", "").caseId();
        awaitBotMessages(bridge, caseId, 1);

        bridge.sandbox().customerWrites(caseId, "Хочу возврат денег");

        String note = awaitNotes(bridge, caseId, 1).get(0);
        assertThat(note).contains("bot-decided", "Refund needs a human", "Хочу возврат денег");
        assertThat(bridge.botMessages(caseId)).last().isEqualTo("Оформлением возврата займётся оператор");
        assertThat(hasBotLabel(bridge, caseId)).isFalse();
    }
}
