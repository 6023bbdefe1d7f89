package dev.omnibridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.RunningBridge;
import dev.omnibridge.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * telegram.mirror=always: the bot's conversation is mirrored into a case (the customer's words as theirs, the bot's
 * as notes); an operator who writes in that case while the bot has the chat takes it over, and the bot falls silent.
 */
class TelegramMirrorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aMirroredConversationAndAnOperatorWhoStepsIn() {
        RunningBridge bridge = RunningBridge.start(Map.of("sandbox.telegram", "true", "telegram.mirror", "always",
                "telegram.chat-interval-ms", "100"));
        TelegramPlay play = new TelegramPlay(bridge.sandbox().baseUrl(), bridge.sandbox().staffEmail(),
                bridge.sandbox().apiKey());
        long chat = 910_001;
        try {
            play.write(chat, "Ирина", "Здравствуйте");
            await().atMost(WAIT).until(() -> play.casesOf(chat).size() == 1);
            long caseId = play.casesOf(chat).get(0).path("case_id").asLong();
            assertThat(bridge.sandbox().messages(caseId).get(0).text())
                    .contains("Bot conversation in Telegram", "Customer: Здравствуйте", "Bot: Здравствуйте, Ирина!");

            play.write(chat, "Ирина", "Как оплатить?");
            await().atMost(WAIT).until(() -> notes(bridge, caseId).stream().anyMatch(n -> n.contains("Оплатить можно")));
            assertThat(customerTexts(bridge, caseId)).contains("Как оплатить?");
            JsonNode mirrored = play.casesOf(chat).get(0);
            assertThat(mirrored.path("case_id").asLong()).isEqualTo(caseId);

            // An operator writes in the mirrored case while the bot has the chat: the person takes over.
            play.operatorReplies(caseId, "Здравствуйте, Ирина! Я подключилась, помогу с оплатой.");
            await().atMost(WAIT).until(() -> play.botTexts(chat).contains("Здравствуйте, Ирина! Я подключилась, помогу с оплатой."));
            int shown = play.botTexts(chat).size();
            play.write(chat, "Ирина", "Спасибо, а доставка?");
            await().atMost(WAIT).until(() -> customerTexts(bridge, caseId).contains("Спасибо, а доставка?"));
            assertThat(play.botTexts(chat)).hasSize(shown);
            assertThat(play.casesOf(chat)).hasSize(1);
        } finally {
            bridge.close();
        }
    }

    private static List<String> notes(RunningBridge bridge, long caseId) {
        return bridge.sandbox().messages(caseId).stream().filter(SandboxMessage::note).map(SandboxMessage::text).toList();
    }

    private static List<String> customerTexts(RunningBridge bridge, long caseId) {
        return bridge.sandbox().messages(caseId).stream().filter(SandboxMessage::fromCustomer).map(SandboxMessage::text)
                .toList();
    }
}
