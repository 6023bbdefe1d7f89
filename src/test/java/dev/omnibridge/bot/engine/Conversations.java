package dev.omnibridge.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.RunningBridge;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Waiting on a conversation through the sandbox Omnidesk, for the engines' end-to-end tests. */
final class Conversations {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong SENTINELS = new AtomicLong();

    private Conversations() {}

    /** Waits until the bot has sent {@code count} messages to the case and returns them. */
    static List<String> awaitBotMessages(RunningBridge bridge, long caseId, int count) {
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() >= count);
        return bridge.botMessages(caseId);
    }

    static List<String> awaitNotes(RunningBridge bridge, long caseId, int count) {
        await().atMost(WAIT).until(() -> bridge.notes(caseId).size() >= count);
        return bridge.notes(caseId);
    }

    static boolean hasBotLabel(RunningBridge bridge, long caseId) {
        return bridge.sandbox().caseById(caseId).labels().contains(bridge.sandbox().botLabelId());
    }

    /**
     * For a case that was handed to an operator: waits until everything the bridge could still do for it is done,
     * so that "exactly once" can be asserted without sleeping. The echo of the bot's last message (sent while the
     * case still had the bot label) is delivered first; then a sentinel message goes into the case's lane, which
     * works in order, and is dropped as the operator's once all before it has been handled.
     */
    static void settleHandedOff(RunningBridge bridge, long caseId, String lastBotMessage) {
        if (lastBotMessage != null) {
            await().atMost(WAIT).until(() -> bridge.sandbox().webhookDeliveries().stream()
                    .anyMatch(d -> d.caseId() == caseId && d.body().contains(lastBotMessage)));
        }
        double dropped = bridge.metric("bridge_messages_dropped_total", "reason=\"operator\"");
        String sentinel = "sentinel " + SENTINELS.incrementAndGet();
        bridge.customerWritesWithoutRule(caseId, sentinel);
        assertThat(bridge.postWebhook(RunningBridge.SECRET, null, RunningBridge.ruleBody(caseId, sentinel))
                .statusCode()).isEqualTo(200);
        bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"operator\"", dropped + 1);
    }

    /** What the customer typed, read from a request in any of the three contracts ("" for other requests). */
    static String customerText(FakeEngine.Request request) {
        return request.method().equals("POST") ? customerText(request.json()) : "";
    }

    static String customerText(JsonNode request) {
        if (request.has("message") && request.get("message").isTextual()) {
            return request.get("message").asText(); // rasa
        }
        if (request.has("messages")) {
            return request.path("messages").path(0).path("text").asText(); // webim new_chat
        }
        return request.path("text").asText(); // webim new_message, generic
    }
}
