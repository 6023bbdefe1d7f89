package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.sandbox.SandboxCase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Variant 1 through the real application: sandbox Omnidesk rules → webhook → dialog → bot → Omnidesk API. */
class ConversationEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static RunningBridge bridge;

    @BeforeAll
    static void start() {
        bridge = RunningBridge.start();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aMenusButtonsArriveAsNumberedLinesAndTheCustomersNumberChooses() {
        SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "Maria", "");
        long caseId = created.caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);

        bridge.sandbox().customerWrites(caseId, "меню");
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
        assertThat(bridge.botMessages(caseId).get(1)).contains("Выберите тему:\n1. Где мой заказ\n2. Доставка");

        bridge.sandbox().customerWrites(caseId, "2");
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 3);
        assertThat(bridge.botMessages(caseId).get(2)).startsWith("Доставляем");
    }

    @Test
    void newCaseIsGreetedOnceAsTheBotStaffMember() {
        double echoes = bridge.metric("bridge_messages_dropped_total", "reason=\"echo\"");
        double duplicates = bridge.metric("bridge_messages_dropped_total", "reason=\"duplicate\"");

        SandboxCase created = bridge.sandbox().createCase("Привет", "Ivan", "ivan@example.com");

        await().atMost(WAIT).until(() -> !bridge.botMessages(created.caseId()).isEmpty());
        // Creating the case fired both rules (same message twice: one burst, or a duplicate if the second copy came
        // late) and the greeting came back as an echo.
        bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", echoes + 1);
        assertThat(bridge.metric("bridge_messages_dropped_total", "reason=\"duplicate\"")).isLessThanOrEqualTo(duplicates + 1);
        List<String> replies = bridge.botMessages(created.caseId());
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0)).contains("Ivan");
        assertThat(bridge.sandbox().messages(created.caseId()))
                .filteredOn(m -> m.staffId() == bridge.sandbox().botStaffId())
                .allSatisfy(m -> assertThat(m.userId()).isZero());
    }

    @Test
    void customerTextSurvivesRawTemplateSubstitution() {
        SandboxCase created = bridge.sandbox().createCase("Привет", "Ivan", "");
        await().atMost(WAIT).until(() -> bridge.botMessages(created.caseId()).size() == 1);
        String typed = "оператор: He said \"hi\" \\ C:\\new\nвторая строка 👋";

        // The sandbox rule pastes the text verbatim: the body is not valid JSON.
        bridge.sandbox().customerWrites(created.caseId(), typed);

        await().atMost(WAIT).until(() -> !bridge.notes(created.caseId()).isEmpty());
        assertThat(bridge.notes(created.caseId()).get(0)).contains(typed);
    }

    @Test
    void operatorRequestHandsOverWithTranscriptAndHandBackResumesTheBot() {
        SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "Maria", "maria@example.com");
        long caseId = created.caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);

        bridge.sandbox().customerWrites(caseId, "Позовите оператора, пожалуйста");

        await().atMost(WAIT).until(() -> !bridge.notes(caseId).isEmpty());
        assertThat(bridge.sandbox().caseById(caseId).labels()).doesNotContain(bridge.sandbox().botLabelId());
        // sandbox mode configures the operator group as the handoff target
        assertThat(bridge.sandbox().caseById(caseId).groupId()).isEqualTo(bridge.sandbox().operatorGroupId());
        assertThat(bridge.botMessages(caseId)).hasSize(2); // greeting + "an operator will answer"
        String note = bridge.notes(caseId).get(0);
        assertThat(note).contains("requested", "Здравствуйте", "Позовите оператора, пожалуйста", "Maria");

        // The operator's case: a message that still reaches the bridge (rule without the label condition) is
        // not answered by the bot.
        double operatorDrops = bridge.metric("bridge_messages_dropped_total", "reason=\"operator\"");
        bridge.customerWritesWithoutRule(caseId, "А где мой заказ?");
        assertThat(bridge.postWebhook(RunningBridge.SECRET, null, RunningBridge.ruleBody(caseId, "А где мой заказ?"))
                .statusCode()).isEqualTo(200);
        bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"operator\"", operatorDrops + 1);
        assertThat(bridge.botMessages(caseId)).hasSize(2);

        // The operator gives the case back by restoring the bot label; the next customer message gets an answer.
        bridge.sandbox().addLabel(caseId, bridge.sandbox().botLabelId());
        bridge.sandbox().customerWrites(caseId, "Спасибо, а сколько стоит доставка?");
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 3);
        assertThat(bridge.notes(caseId)).hasSize(1);
    }

    @Test
    void repeatedMisunderstandingEndsInHandoff() {
        SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "", "");
        long caseId = created.caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);

        bridge.sandbox().customerWrites(caseId, "ыва ждлорп");
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
        bridge.sandbox().customerWrites(caseId, "кщшгне зхщш");

        await().atMost(WAIT).until(() -> !bridge.notes(caseId).isEmpty());
        assertThat(bridge.notes(caseId).get(0)).contains("not-understood");
        assertThat(bridge.sandbox().caseById(caseId).labels()).doesNotContain(bridge.sandbox().botLabelId());
    }

    @Test
    void knowledgeBaseAnswersWhatNoIntentCovers() {
        SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "", "");
        long caseId = created.caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);

        bridge.sandbox().customerWrites(caseId, "Какая у вас гарантия на технику?");

        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
        String answer = bridge.botMessages(caseId).get(1);
        assertThat(answer).contains("Гарантия", "12 месяцев", "/knowledge_base/item/107")
                .doesNotContain("<p>", "<b>", "&nbsp;");
        assertThat(bridge.sandbox().apiCalls()).anyMatch(c -> c.path().equals("/api/kb_article.json"));
    }

    @Test
    void sameWordTwiceToDifferentQuestionsIsAnsweredTwice() {
        SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "", "");
        long caseId = created.caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);

        bridge.sandbox().customerWrites(caseId, "доставка");
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
        bridge.sandbox().customerWrites(caseId, "доставка");

        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 3);
    }

    @Test
    void badRequestsAreRefusedAndNothingIsProcessed() {
        SandboxCase created = bridge.sandbox().createCase("Здравствуйте", "", "");
        long caseId = created.caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);
        double rejected = bridge.metric("bridge_webhooks_rejected_total", null);

        HttpResponse<String> wrongSecret = bridge.postWebhook("wrong-secret-0123456789", null,
                RunningBridge.ruleBody(caseId, "доставка"));
        HttpResponse<String> garbage = bridge.postWebhook(RunningBridge.SECRET, null, "}{ not json at all");
        HttpResponse<String> noChatId = bridge.postWebhook(RunningBridge.SECRET, null,
                "{\"event\":\"new_message\",\"message\":{\"kind\":\"visitor\",\"text\":\"доставка\"}}");
        HttpResponse<String> badChatId = bridge.postWebhook(RunningBridge.SECRET, null,
                RunningBridge.ruleBody(caseId, "доставка").replace("\"chat_id\": " + caseId, "\"chat_id\": \"abc\""));

        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(wrongSecret.body()).contains("\"error\"").doesNotContain(RunningBridge.SECRET);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("\"error\"").doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(noChatId.statusCode()).isEqualTo(400);
        assertThat(noChatId.body()).contains("missing-chat-id");
        assertThat(badChatId.statusCode()).isEqualTo(400);
        assertThat(badChatId.body()).contains("invalid-chat-id");
        assertThat(bridge.metric("bridge_webhooks_rejected_total", null)).isEqualTo(rejected + 4);
        // A valid message after them is answered, and only it.
        bridge.sandbox().customerWrites(caseId, "спасибо");
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() >= 2);
        assertThat(bridge.botMessages(caseId)).hasSize(2);
        assertThat(bridge.botMessages(caseId).get(1)).startsWith("Пожалуйста");
    }

    @Test
    void acceptedWebhookAnswersOkAtOnce() {
        SandboxCase created = bridge.sandbox().createCase("Привет", "", "");
        HttpResponse<String> response = bridge.postWebhook(RunningBridge.SECRET, null,
                RunningBridge.ruleBody(created.caseId(), "доставка"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":\"ok\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
    }
}
