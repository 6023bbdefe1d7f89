package dev.omnibridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.RunningBridge;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-case order with many cases interleaved and a slow Omnidesk; bounded queues that say so when full. */
class OrderAndBackpressureTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> QUESTIONS = List.of("доставка", "оплата", "возврат", "спасибо");

    @Test
    void eachCaseIsAnsweredInItsOwnOrderWhileCasesInterleave() {
        try (RunningBridge bridge = RunningBridge.start(Map.of("dialog.lanes", "3"))) {
            List<Long> cases = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long caseId = bridge.sandbox().createCase("Здравствуйте", "", "").caseId();
                cases.add(caseId);
            }
            for (long caseId : cases) {
                await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);
            }
            bridge.sandbox().faults().delay(Duration.ofMillis(40)); // a slow Omnidesk: lanes fill up

            // One question per case at a time (a customer waits for the answer), the cases interleaved in the lanes.
            for (int round = 0; round < QUESTIONS.size(); round++) {
                for (long caseId : cases) {
                    bridge.sandbox().customerWrites(caseId, QUESTIONS.get(round));
                }
                int said = 2 + round;
                for (long caseId : cases) {
                    await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == said);
                }
            }

            for (long caseId : cases) {
                await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1 + QUESTIONS.size());
                List<String> answers = bridge.botMessages(caseId).subList(1, 1 + QUESTIONS.size());
                assertThat(answers.get(0)).as("case %d", caseId).startsWith("Доставляем");
                assertThat(answers.get(1)).as("case %d", caseId).startsWith("Оплатить");
                assertThat(answers.get(2)).as("case %d", caseId).startsWith("Вернуть");
                assertThat(answers.get(3)).as("case %d", caseId).startsWith("Пожалуйста");
            }
        }
    }

    @Test
    void aFullLaneAnswers503WithRetryAfterInsteadOfDropping() {
        try (RunningBridge bridge = RunningBridge.start(Map.of("dialog.lanes", "1", "dialog.lane-capacity", "2"))) {
            long caseId = bridge.sandbox().createCase("Здравствуйте", "", "").caseId();
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);
            bridge.sandbox().faults().delay(Duration.ofMillis(500)); // the lane is stuck on a slow Omnidesk

            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                bridge.customerWritesWithoutRule(caseId, "вопрос номер " + i + " про доставку");
                answers.add(bridge.postWebhook(RunningBridge.SECRET, null,
                        body(caseId, "вопрос номер " + i + " про доставку")));
            }

            List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 503).toList();
            assertThat(refused).isNotEmpty();
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(r.body()).contains("\"error\":\"busy\"");
            });
            long accepted = answers.stream().filter(r -> r.statusCode() == 200).count();
            assertThat(accepted + refused.size()).isEqualTo(answers.size());
            bridge.sandbox().faults().reset();
            // Nothing accepted was dropped: the accepted webhooks were handled, and their turns answered every
            // question in the case (the ones refused too: the bot reads the case, not the webhook).
            await().atMost(WAIT).until(() -> bridge.metric("bridge_intake_pending", null) == 0);
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() > 1);
            assertThat(bridge.botMessages(caseId).get(bridge.botMessages(caseId).size() - 1)).contains("Доставляем");
        }
    }

    @Test
    void handoffRetriedAfterAFailureNeitherMessagesTheCustomerNorNotesTwice() {
        try (RunningBridge bridge = RunningBridge.start()) {
            long caseId = bridge.sandbox().createCase("Здравствуйте", "", "").caseId();
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);
            bridge.sandbox().faults().failNext(2, 503); // the handoff reply fails, and so does the first check

            bridge.sandbox().customerWrites(caseId, "позовите оператора");

            await().atMost(WAIT).until(() -> !bridge.notes(caseId).isEmpty());
            bridge.awaitMetric("bridge_handoffs_total", null, 1);
            assertThat(bridge.botMessages(caseId)).hasSize(2);
            assertThat(bridge.notes(caseId)).hasSize(1);
            assertThat(bridge.sandbox().caseById(caseId).labels()).doesNotContain(bridge.sandbox().botLabelId());
            assertThat(bridge.metric("bridge_handoffs_failed_total", null)).isZero();
        }
    }

    private static String body(long caseId, String text) {
        return "{\"event\":\"new_message\",\"message\":{\"kind\":\"visitor\",\"text\":\"" + text + "\"},"
                + "\"visitor\":{\"id\":\"7\",\"fields\":{}},\"chat_id\":" + caseId + "}";
    }
}
