package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.sandbox.SandboxCase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who wrote each message, through the real application and the sandbox: Omnidesk's updated-case rule fires on every
 * change with "kind": "visitor" hard-coded, so operators' words, the bot's own replies and label edits all arrive as
 * "visitor" webhooks. The bot must answer the customer, and only the customer, once per message.
 */
class ConversationAuthorshipTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOperatorWritingInABotCaseTakesOverAndTheBotStaysSilent() {
        try (RunningBridge bridge = RunningBridge.start()) {
            long caseId = greetedCase(bridge, "Здравствуйте");
            double takeovers = takeovers(bridge);

            bridge.sandbox().operatorWrites(caseId, "Добрый день, это Анна. Сейчас проверю ваш заказ.");

            bridge.awaitMetric("bridge_handoffs_total", "reason=\"operator-took-over\"", takeovers + 1);
            await().atMost(WAIT).until(() -> !bridge.sandbox().caseById(caseId).labels()
                    .contains(bridge.sandbox().botLabelId()));
            int webhooks = bridge.sandbox().webhookDeliveries().size();
            bridge.sandbox().customerWrites(caseId, "Спасибо, а где мой заказ 123456?");

            // Without the bot label the rule does not fire, and the bot said nothing to the operator's words.
            assertThat(bridge.sandbox().webhookDeliveries()).hasSize(webhooks);
            assertThat(bridge.botMessages(caseId)).hasSize(1);
            assertThat(bridge.notes(caseId)).isEmpty();
        }
    }

    @Test
    void withTheLabelKeptTheCustomersNextMessageIsStillTheOperators() {
        try (RunningBridge bridge = RunningBridge.start(Map.of("dialog.takeover-removes-bot-label", "false"))) {
            long caseId = greetedCase(bridge, "Здравствуйте");
            double takeovers = takeovers(bridge);

            bridge.sandbox().operatorWrites(caseId, "Добрый день, это Анна. Сейчас проверю ваш заказ.");
            bridge.awaitMetric("bridge_handoffs_total", "reason=\"operator-took-over\"", takeovers + 1);
            double operatorDrops = dropped(bridge, "operator");
            bridge.sandbox().customerWrites(caseId, "Спасибо, жду. А доставка когда?");

            bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"operator\"", operatorDrops + 1);
            assertThat(bridge.botMessages(caseId)).hasSize(1);
            assertThat(bridge.sandbox().caseById(caseId).labels()).contains(bridge.sandbox().botLabelId());
        }
    }

    @Test
    void afterAHandBackOnlyTheCustomersNextMessageIsAnswered() {
        try (RunningBridge bridge = RunningBridge.start()) {
            // The operator's last words are the last message when the label comes back.
            long first = handedOverCase(bridge);
            bridge.sandbox().customerWrites(first, "Спасибо, жду");
            bridge.sandbox().operatorWrites(first, "Оформил вам возврат, деньги придут завтра. Передаю обратно боту.");
            handBack(bridge, first);

            // The customer's words to the operator are the last message when the label comes back.
            long second = handedOverCase(bridge);
            bridge.sandbox().operatorWrites(second, "Оформил вам возврат, деньги придут завтра. Передаю обратно боту.");
            bridge.sandbox().customerWrites(second, "Спасибо, жду");
            handBack(bridge, second);

            for (long caseId : List.of(first, second)) {
                int before = bridge.botMessages(caseId).size();
                bridge.sandbox().customerWrites(caseId, "А доставка сколько идёт?");
                await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == before + 1);
                assertThat(bridge.botMessages(caseId).get(before)).contains("Доставляем");
            }
        }
    }

    @Test
    void aBurstOfLinesGetsOneAnswer() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("dialog.burst-window-ms", "1500"))) {
            double turns = bridge.metric("bridge_bot_turns_total", null);
            double echoes = dropped(bridge, "echo");

            // Typed at a person's pace: a new case, then two more lines.
            SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "Ivan", "");
            Thread.sleep(400);
            bridge.sandbox().customerWrites(created.caseId(), "у меня вопрос");
            Thread.sleep(400);
            bridge.sandbox().customerWrites(created.caseId(), "где мой заказ 123456?");

            await().atMost(WAIT).until(() -> !bridge.botMessages(created.caseId()).isEmpty());
            // The echoes of what the bot said come after every line of the burst: all of it has been handled.
            int said = bridge.botMessages(created.caseId()).size();
            bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", echoes + said);
            assertThat(bridge.metric("bridge_bot_turns_total", null)).isEqualTo(turns + 1);
            assertThat(String.join("\n", bridge.botMessages(created.caseId()))).contains("Ivan", "Мои заказы");
        }
    }

    @Test
    void oneMessageCarriedByManyWebhooksGetsOneAnswer() {
        try (RunningBridge bridge = RunningBridge.start()) {
            long caseId = greetedCase(bridge, "Здравствуйте");
            double echoes = dropped(bridge, "echo");
            bridge.sandbox().customerWrites(caseId, "а возврат?");
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
            bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", echoes + 1);

            // The other rule's copy arriving late, and label edits re-firing the rule with the bot's last reply.
            double duplicates = dropped(bridge, "duplicate");
            assertThat(bridge.postWebhook(RunningBridge.SECRET, null,
                    RunningBridge.ruleBody(caseId, "а возврат?")).statusCode()).isEqualTo(200);
            bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"duplicate\"", duplicates + 1);
            bridge.sandbox().addLabel(caseId, bridge.sandbox().operatorLabelId());
            bridge.sandbox().removeLabel(caseId, bridge.sandbox().operatorLabelId());
            bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", echoes + 2);

            assertThat(bridge.botMessages(caseId)).hasSize(2);
            assertThat(bridge.botMessages(caseId).get(1)).contains("Вернуть");
        }
    }

    @Test
    void theSameWordToTwoQuestionsGetsTwoAnswers() {
        try (RunningBridge bridge = RunningBridge.start()) {
            long caseId = greetedCase(bridge, "Здравствуйте");
            bridge.sandbox().customerWrites(caseId, "спасибо");
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
            bridge.sandbox().customerWrites(caseId, "спасибо");
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 3);
        }
    }

    @Test
    void deadLetterReplayReachesTheCustomerOnceAndItsEchoesAreNotAnswered() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("omnidesk.retry.max-attempts", "2",
                "admin.token", ADMIN_TOKEN))) {
            // Omnidesk fails while a new case comes in: its webhooks cannot be checked, so they are parked once.
            bridge.sandbox().faults().failNext(10, 500);
            SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "Ivan", "");
            await().atMost(WAIT).until(() -> deadLetters(bridge).path("count").asInt() == 1);
            bridge.sandbox().faults().reset();
            assertThat(deadLetters(bridge).at("/deadLetters/0/operation").asText()).isEqualTo("webhooks");

            replay(bridge);
            long caseId = created.caseId();
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);

            // Now the reply to a question fails and is parked; the replay delivers it, and its echo is not answered.
            double echoes = dropped(bridge, "echo");
            bridge.sandbox().faults().failNextWrites(2, 500);
            bridge.sandbox().customerWrites(caseId, "доставка");
            await().atMost(WAIT).until(() -> deadLetters(bridge).path("count").asInt() == 1);
            bridge.sandbox().faults().reset();
            replay(bridge);

            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
            bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", echoes + 1);
            assertThat(bridge.botMessages(caseId)).hasSize(2);
            assertThat(bridge.botMessages(caseId).get(1)).contains("Доставляем");
            assertThat(deadLetters(bridge).path("count").asInt()).isZero();
        }
    }

    @Test
    void aReplyOmnideskStoresAfterTheTimeoutReachesTheCustomerOnce() {
        try (RunningBridge bridge = RunningBridge.start(Map.of("omnidesk.response-timeout-ms", "3000",
                "omnidesk.retry.max-delay-ms", "5000"))) {
            double echoes = dropped(bridge, "echo");
            // The greeting's POST hangs past the bridge's response timeout, and Omnidesk stores it 45 s later; the
            // bridge looks at the case after each retry delay and does not send it again (write deadline 120 s).
            bridge.sandbox().faults().slowWrites(1, Duration.ofSeconds(45));
            SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "Ivan", "");

            await().atMost(Duration.ofSeconds(70)).until(() -> bridge.botMessages(created.caseId()).size() == 1);
            bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", echoes + 1);
            await().atMost(WAIT).until(() -> bridge.metric("bridge_omnidesk_already_delivered_total", null) >= 1);
            assertThat(bridge.botMessages(created.caseId())).hasSize(1);
        }
    }

    @Test
    void withoutTheAuthorCheckTheRuleIsTrustedAsBefore() {
        try (RunningBridge bridge = RunningBridge.start(Map.of("webhook.author-check", "none"))) {
            long caseId = greetedCase(bridge, "Привет");
            bridge.sandbox().customerWrites(caseId, "доставка");
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
            bridge.sandbox().customerWrites(caseId, "доставка");
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 3);

            // The documented risk: an operator's words in a bot case reach the bot as if the customer wrote them.
            bridge.sandbox().operatorWrites(caseId, "Добрый день, это Анна. Как с доставкой?");
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 4);
            assertThat(bridge.sandbox().apiCalls()).noneMatch(c -> c.path().endsWith("/messages.json")
                    && "GET".equals(c.method()));
        }
    }

    private static long greetedCase(RunningBridge bridge, String firstMessage) {
        double echoes = dropped(bridge, "echo");
        SandboxCase created = bridge.sandbox().createCase(firstMessage, "Ivan", "");
        await().atMost(WAIT).until(() -> bridge.botMessages(created.caseId()).size() == 1);
        bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", echoes + 1);
        return created.caseId();
    }

    private static long handedOverCase(RunningBridge bridge) {
        long caseId = greetedCase(bridge, "Здравствуйте");
        double echoes = dropped(bridge, "echo");
        bridge.sandbox().customerWrites(caseId, "Позовите оператора");
        await().atMost(WAIT).until(() -> !bridge.notes(caseId).isEmpty());
        // the echo of "an operator will answer" is back: the handoff is over, as it would be before a person acts
        bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", echoes + 1);
        return caseId;
    }

    /** The operator restores the bot label; the webhook it fires carries words written before, never answered. */
    private static void handBack(RunningBridge bridge, long caseId) {
        int said = bridge.botMessages(caseId).size();
        double operatorDrops = dropped(bridge, "operator");
        bridge.sandbox().addLabel(caseId, bridge.sandbox().botLabelId());
        bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"operator\"", operatorDrops + 1);
        assertThat(bridge.botMessages(caseId)).hasSize(said);
    }

    private static double takeovers(RunningBridge bridge) {
        return bridge.metric("bridge_handoffs_total", "reason=\"operator-took-over\"");
    }

    private static double dropped(RunningBridge bridge, String reason) {
        return bridge.metric("bridge_messages_dropped_total", "reason=\"" + reason + "\"");
    }

    private static JsonNode deadLetters(RunningBridge bridge) throws Exception {
        return JSON.readTree(admin(bridge, "GET", "/admin/dead-letters").body());
    }

    private static void replay(RunningBridge bridge) throws Exception {
        assertThat(admin(bridge, "POST", "/admin/dead-letters/replay").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> admin(RunningBridge bridge, String method, String path) throws Exception {
        String url = "http://127.0.0.1:" + bridge.setting("camel.server.port") + path;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
