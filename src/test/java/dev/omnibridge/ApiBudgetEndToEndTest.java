package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.sandbox.RecordedCall;
import dev.omnibridge.sandbox.SandboxCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the bridge spends of Omnidesk's API budget (units: a read 1, a write 2), through the real application and the
 * sandbox: one write per answered message, no reads it does not need, no knowledge-base search for what is no
 * question, and exactly retry_after after a 429.
 */
class ApiBudgetEndToEndTest {

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
    void aNewCaseAskingAQuestionGetsOneMessageForOneReadAndOneWrite() {
        double echoes = bridge.metric("bridge_messages_dropped_total", "reason=\"echo\"");
        SandboxCase created = bridge.sandbox().createCase("Здравствуйте! Где мой заказ 123456?", "Ivan", "");
        long caseId = created.caseId();

        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);
        bridge.awaitMetric("bridge_messages_dropped_total", "reason=\"echo\"", echoes + 1);

        // Greeting and both order-status replies in one message, the short greeting first.
        String message = bridge.botMessages(caseId).get(0);
        assertThat(message).startsWith("Здравствуйте, Ivan!\n\n").contains("Мои заказы", "оператор")
                .doesNotContain("Чем могу помочь");
        // Both rules fired and the reply came back as an echo: one read of the messages, one write, nothing else.
        assertThat(unitsFor(caseId)).isEqualTo(3);
        assertThat(callsFor(caseId)).extracting(RecordedCall::method).containsExactlyInAnyOrder("GET", "POST");
    }

    @Test
    void greetingsAndThanksAreNoQuestionsForTheKnowledgeBase() {
        long searches = kbSearches();
        long caseId = bridge.sandbox().createCase("Здравствуйте", "", "").caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);
        for (String text : List.of("Добрый день", "Спасибо!")) {
            int said = bridge.botMessages(caseId).size();
            bridge.sandbox().customerWrites(caseId, text);
            await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == said + 1);
        }
        assertThat(bridge.botMessages(caseId).get(1)).doesNotContain("базе знаний");
        assertThat(kbSearches()).isEqualTo(searches);
    }

    private static long kbSearches() {
        return bridge.sandbox().apiCalls().stream().filter(c -> c.path().equals("/api/kb_article.json")).count();
    }

    @Test
    void onlyAnArticleThatAnswersTheQuestionIsSent() {
        long caseId = bridge.sandbox().createCase("Здравствуйте", "", "").caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);

        bridge.sandbox().customerWrites(caseId, "What is your warranty?");
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
        // the relevant article only, introduced in the customer's language
        assertThat(bridge.botMessages(caseId).get(1)).startsWith("Here is what I found")
                .contains("Warranty", "12-month").doesNotContain("Delivery", "Доставка");

        bridge.sandbox().customerWrites(caseId, "Какой у вас адрес склада в Казани?");
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 3);
        assertThat(bridge.botMessages(caseId).get(2)).doesNotContain("базе знаний");
    }

    @Test
    void after429TheBridgeWaitsRetryAfterAndAnswersOnce() {
        long caseId = bridge.sandbox().createCase("Здравствуйте", "", "").caseId();
        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 1);
        int before = bridge.sandbox().apiCalls().size();
        // Another client of the account spent the minute: Omnidesk says 0 left, come back in 4 s.
        bridge.sandbox().faults().throttleNext(1, 4);

        bridge.sandbox().customerWrites(caseId, "доставка");

        await().atMost(WAIT).until(() -> bridge.botMessages(caseId).size() == 2);
        List<RecordedCall> calls = bridge.sandbox().apiCalls();
        List<RecordedCall> after = calls.subList(before, calls.size());
        RecordedCall throttled = after.stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
        RecordedCall next = after.get(after.indexOf(throttled) + 1);
        long waitedMs = Duration.between(throttled.timestamp(), next.timestamp()).toMillis();
        assertThat(waitedMs).as("waited after retry_after 4").isBetween(4000L, 5000L);
        assertThat(bridge.botMessages(caseId)).hasSize(2);
    }

    @Test
    void aBacklogOnABasicAccountFillsEachMinuteWithoutA429() {
        try (RunningBridge basic = RunningBridge.start(Map.of("omnidesk.requests-per-minute", "20",
                "omnidesk.rate-window-seconds", "4"))) {
            // A Basic account's 20 units a minute; the sandbox's "minute" is 4 s so that the test is short.
            basic.sandbox().faults().rateLimit(20, Duration.ofSeconds(4));
            List<Long> cases = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                cases.add(basic.sandbox().createCase("Здравствуйте", "Customer " + i, "").caseId());
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> cases.stream()
                    .allMatch(id -> basic.botMessages(id).size() == 1));

            List<RecordedCall> calls = basic.sandbox().apiCalls();
            assertThat(calls).extracting(RecordedCall::status).doesNotContain(429);
            int units = calls.stream().mapToInt(c -> c.isWrite() ? 2 : 1).sum();
            assertThat(units).as("a read and a write per new customer").isEqualTo(3 * cases.size());
            // 36 units at 20 a minute: the fewest minutes that can hold them, no more
            long minutes = (units + 19) / 20;
            long spanMs = Duration.between(calls.get(0).timestamp(), calls.get(calls.size() - 1).timestamp())
                    .toMillis();
            assertThat(spanMs).isLessThan(minutes * 4000);
        }
    }

    private static List<RecordedCall> callsFor(long caseId) {
        String prefix = "/api/cases/" + caseId;
        return bridge.sandbox().apiCalls().stream()
                .filter(c -> c.path().equals(prefix + ".json") || c.path().startsWith(prefix + "/")).toList();
    }

    private static int unitsFor(long caseId) {
        return callsFor(caseId).stream().mapToInt(c -> c.isWrite() ? 2 : 1).sum();
    }
}
