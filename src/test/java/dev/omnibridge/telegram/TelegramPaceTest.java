package dev.omnibridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.RunningBridge;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Telegram's pace, with the defaults: an operator who sends several replies at once gets them to the customer one a
 * second, in order, without a single 429 from a Telegram that enforces its per-chat limit.
 */
class TelegramPaceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void repliesToOneChatKeepToTelegramsPerChatLimit() {
        RunningBridge bridge = RunningBridge.start(Map.of("sandbox.telegram", "true"));
        TelegramPlay play = new TelegramPlay(bridge.sandbox().baseUrl(), bridge.sandbox().staffEmail(),
                bridge.sandbox().apiKey());
        long chat = 920_001;
        try {
            play.write(chat, "Анна", "оператор");
            await().atMost(WAIT).until(() -> play.casesOf(chat).size() == 1
                    && play.botTexts(chat).stream().anyMatch(t -> t.contains("Оператор ответит")));
            long caseId = play.casesOf(chat).get(0).path("case_id").asLong();
            play.telegramFaults(TelegramPlay.JSON.createObjectNode().put("perChatLimit", true));

            List<String> replies = List.of("Первый ответ", "Второй ответ", "Третий ответ");
            replies.forEach(reply -> play.operatorReplies(caseId, reply));

            await().atMost(WAIT).until(() -> play.botTexts(chat).containsAll(replies));
            List<String> shown = play.botTexts(chat);
            assertThat(shown.subList(shown.size() - 3, shown.size())).containsExactlyElementsOf(replies);
            for (var call : play.telegramCalls()) {
                assertThat(call.path("status").asInt()).as(call.toString()).isNotEqualTo(429);
            }
        } finally {
            bridge.close();
        }
    }
}
