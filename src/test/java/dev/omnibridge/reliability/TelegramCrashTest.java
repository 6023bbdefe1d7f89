package dev.omnibridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.telegram.TelegramPlay;
import dev.omnibridge.sandbox.SandboxExtension;
import dev.omnibridge.sandbox.SandboxMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Variant 2 under kill -9: the bridge runs in a process of its own against a sandbox that lives in the test; it is
 * killed while it relays, comes back with the same data directory, and every message arrives once, in order.
 */
class TelegramCrashTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, String> SETTINGS = Map.of("omnidesk.retry.max-attempts", "1000",
            "omnidesk.retry.initial-delay-ms", "200", "omnidesk.retry.max-delay-ms", "500",
            "telegram.retry.max-attempts", "1000", "telegram.retry.initial-delay-ms", "200",
            "telegram.retry.max-delay-ms", "500", "telegram.chat-interval-ms", "100");

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private Path dataDir;
    private TelegramPlay play;

    @BeforeEach
    void setUp() throws Exception {
        dataDir = Files.createTempDirectory("bridge-telegram-crash");
        play = new TelegramPlay(sandbox.get().baseUrl(), sandbox.get().staffEmail(), sandbox.get().apiKey());
    }

    @Test
    void killedWhileRelayingBothWaysNothingIsLostOrDoubled() throws Exception {
        long chat = 880_001;
        long caseId;
        try (BridgeProcess bridge = new BridgeProcess(sandbox.get(), dataDir, SETTINGS).withTelegram().start()) {
            caseId = escalate(chat);

            // Omnidesk refuses every write and Telegram every message: the bridge has accepted both sides' messages
            // and is retrying them when it is killed.
            sandbox.get().faults().failNextWrites(1_000_000, 503);
            play.telegramFaults(TelegramPlay.JSON.createObjectNode().put("failNext", 1_000_000).put("failStatus", 502)
                    .put("method", "sendMessage"));
            play.write(chat, "Олег", "первое");
            play.write(chat, "Олег", "второе");
            play.operatorReplies(caseId, "Ответ оператора");
            await().atMost(WAIT).until(() -> play.telegramOverview().path("pending_updates").asInt() == 0
                    && failedCalls() >= 2);
            bridge.kill();
            assertThat(bridge.logText()).doesNotContain(sandbox.get().telegram().token());
        }
        sandbox.get().faults().reset();
        play.telegramFaults(TelegramPlay.JSON.createObjectNode().put("reset", true));
        assertThat(customerTexts(caseId)).doesNotContain("первое", "второе");

        try (BridgeProcess again = new BridgeProcess(sandbox.get(), dataDir, SETTINGS).withTelegram().start()) {
            await().atMost(WAIT).until(() -> customerTexts(caseId).contains("второе")
                    && play.botTexts(chat).contains("Ответ оператора"));
            // Nothing left to do: every accepted event is dealt with, so nothing more can arrive.
            await().atMost(WAIT).until(() -> inboxSize() == 0);
            assertThat(customerTexts(caseId)).containsSubsequence("первое", "второе");
            assertThat(customerTexts(caseId).stream().filter(t -> t.equals("первое"))).hasSize(1);
            assertThat(customerTexts(caseId).stream().filter(t -> t.equals("второе"))).hasSize(1);
            assertThat(play.botTexts(chat).stream().filter(t -> t.equals("Ответ оператора"))).hasSize(1);
            assertThat(play.casesOf(chat)).hasSize(1);
            // Telegram puts the token in every URL; not one log line of either run shows it
            assertThat(again.logText()).doesNotContain(sandbox.get().telegram().token());
        }
    }

    @Test
    void aChatWhoseStateIsLostIsRebuiltFromItsCaseInOmnidesk() throws Exception {
        long chat = 880_002;
        long caseId;
        try (BridgeProcess bridge = new BridgeProcess(sandbox.get(), dataDir, SETTINGS).withTelegram().start()) {
            caseId = escalate(chat);
            assertThat(bridge.terminate()).isIn(0, 130, 143);
        }
        // the volume was lost: the bridge knows nothing of the chat any more
        try (var files = Files.walk(dataDir.resolve("telegram").resolve("chats"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        int botMessages = play.botTexts(chat).size();

        try (BridgeProcess again = new BridgeProcess(sandbox.get(), dataDir, SETTINGS).withTelegram().start()) {
            play.write(chat, "Олег", "я всё ещё жду");
            await().atMost(WAIT).until(() -> customerTexts(caseId).contains("я всё ещё жду"));
            assertThat(play.botTexts(chat)).hasSize(botMessages); // the bot did not answer: a person has the chat
            assertThat(play.casesOf(chat)).hasSize(1);
        }
    }

    /** The customer asks for a person; returns the case opened for the chat once they were told so. */
    private long escalate(long chat) {
        play.write(chat, "Олег", "оператор");
        await().atMost(WAIT).until(() -> play.casesOf(chat).size() == 1
                && play.botTexts(chat).stream().anyMatch(t -> t.contains("Оператор ответит")));
        return play.casesOf(chat).get(0).path("case_id").asLong();
    }

    private long inboxSize() throws java.io.IOException {
        try (var files = Files.list(dataDir.resolve("telegram").resolve("inbox"))) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    private long failedCalls() {
        long failed = 0;
        for (var call : play.telegramCalls()) {
            if (call.path("status").asInt() == 502) {
                failed++;
            }
        }
        return failed + sandbox.get().apiCalls().stream().filter(c -> c.status() == 503).count();
    }

    private List<String> customerTexts(long caseId) {
        return sandbox.get().messages(caseId).stream().filter(SandboxMessage::fromCustomer).map(SandboxMessage::text)
                .toList();
    }
}
