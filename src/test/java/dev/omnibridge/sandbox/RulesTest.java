package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.omnibridge.setup.RuleBodies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rule webhooks: when they fire, what they carry, and that substitution is raw. */
class RulesTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private WebhookReceiver bridge;
    private ApiClient api;

    @BeforeEach
    void start() {
        bridge = new WebhookReceiver();
        sandbox.get().setWebhookUrl(bridge.url("/webhook/omnidesk?secret=s3cret&case=[case_id]"));
        api = ApiClient.authenticated(sandbox.get());
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    private void awaitDeliveries(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.get().webhookDeliveries().size() >= count);
        assertThat(sandbox.get().webhookDeliveries()).hasSize(count);
    }

    @Test
    void creationFiresTheNewCaseAndTheUpdatedCaseRule() {
        SandboxCase c = sandbox.get().createCase("Hello, I need help", "Ivan Petrov", "ivan@example.com");

        awaitDeliveries(2);
        assertThat(sandbox.get().webhookDeliveries()).extracting(WebhookDelivery::rule)
                .containsExactly("new-case", "updated-case");
        assertThat(sandbox.get().webhookDeliveries()).allSatisfy(d -> {
            assertThat(d.caseId()).isEqualTo(c.caseId());
            assertThat(d.status()).isEqualTo(200);
        });
        // The bodies the setup tells the customer to paste, each rule's own, filled with this case.
        assertThat(bridge.bodies()).containsExactly(
                filled(RuleBodies.NEW_CASE, c, "Hello, I need help", "ivan@example.com", "Ivan Petrov"),
                filled(RuleBodies.UPDATED_CASE, c, "Hello, I need help", "ivan@example.com", "Ivan Petrov"));
        WebhookReceiver.Received first = bridge.received().get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.path()).isEqualTo("/webhook/omnidesk");
        assertThat(first.query()).isEqualTo("secret=s3cret&case=" + c.caseId());
    }

    @Test
    void creationCanFireTheNewCaseRuleAlone() {
        try (SandboxOmnidesk once = SandboxOmnidesk.start(SandboxSettings.builder()
                .fireUpdatedRuleOnCreate(false).webhookUrl(bridge.url("/hook")).build())) {
            SandboxCase c = once.createCase("Hi", "Ivan", "");
            await().atMost(Duration.ofSeconds(5)).until(() -> once.webhookDeliveries().size() == 1);
            once.customerWrites(c.caseId(), "more");
            await().atMost(Duration.ofSeconds(5)).until(() -> once.webhookDeliveries().size() == 2);
            assertThat(once.webhookDeliveries()).extracting(WebhookDelivery::rule)
                    .containsExactly("new-case", "updated-case");
        }
    }

    @Test
    void substitutionIsRawSoQuotesBackslashesAndNewlinesBreakTheJson() {
        String text = "He said \"hi\" \\ path\nsecond line [case_id]";
        SandboxCase c = sandbox.get().createCase(text, "O'Brien \"Bob\"", "bob@example.com");

        awaitDeliveries(2);
        String body = bridge.bodies().get(0);
        assertThat(body).contains("\"text\": \"He said \"hi\" \\ path\nsecond line [case_id]\"");
        assertThat(body).contains("\"name\": \"O'Brien \"Bob\"\"");
        assertThat(body).contains("\"chat_id\": " + c.caseId());
        assertThat(sandbox.get().webhookDeliveries().get(0).body()).isEqualTo(body);
        assertThat(catchThrowableOfType(JsonProcessingException.class, () -> ApiClient.MAPPER.readTree(body)))
                .isNotNull();
    }

    @Test
    void everyChangeFiresTheUpdatedRuleWithTheLatestMessageIncludingTheBotsOwn() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        awaitDeliveries(2);

        api.post("/api/cases/" + c.caseId() + "/messages.json",
                "{\"message\": {\"content\": \"Hello from the bot\", \"staff_id\": 1001}}");
        awaitDeliveries(3);
        api.post("/api/cases/" + c.caseId() + "/note.json", "{\"note\": {\"content\": \"a note\"}}");
        awaitDeliveries(4);
        sandbox.get().customerWrites(c.caseId(), "Thanks");
        awaitDeliveries(5);
        sandbox.get().operatorWrites(c.caseId(), "Operator here");
        awaitDeliveries(6);
        api.put("/api/cases/" + c.caseId() + ".json", "{\"case\": {\"add_labels\": [201]}}");
        awaitDeliveries(7);

        List<WebhookDelivery> updates = sandbox.get().webhookDeliveries().subList(2, 7);
        assertThat(updates).extracting(WebhookDelivery::rule).containsOnly("updated-case");
        assertThat(updates).extracting(d -> textOf(d.body())).containsExactly(
                "Hello from the bot", "a note", "Thanks", "Operator here", "Operator here");
    }

    @Test
    void removingTheBotLabelDoesNotFireAndPuttingItBackDoes() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        awaitDeliveries(2);

        api.put("/api/cases/" + c.caseId() + ".json",
                "{\"case\": {\"delete_labels\": [200], \"add_labels\": [201], \"group_id\": 10}}");
        sandbox.get().customerWrites(c.caseId(), "Is anyone there?");
        api.post("/api/cases/" + c.caseId() + "/messages.json",
                "{\"message\": {\"content\": \"Anna here\", \"staff_id\": 1002}}");
        sandbox.get().addLabel(c.caseId(), sandbox.get().botLabelId());

        awaitDeliveries(3);
        WebhookDelivery handBack = sandbox.get().webhookDeliveries().get(2);
        assertThat(handBack.rule()).isEqualTo("updated-case");
        assertThat(textOf(handBack.body())).isEqualTo("Anna here");
        // Nothing else is queued: one more change yields exactly one more delivery.
        sandbox.get().customerWrites(c.caseId(), "ok");
        awaitDeliveries(4);
    }

    @Test
    void aNoOpEditFiresNothing() {
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        awaitDeliveries(2);
        api.put("/api/cases/" + c.caseId() + ".json", "{\"case\": {\"add_labels\": [200]}}");
        sandbox.get().customerWrites(c.caseId(), "next");
        awaitDeliveries(3);
        assertThat(textOf(sandbox.get().webhookDeliveries().get(2).body())).isEqualTo("next");
    }

    @Test
    void casesWithoutTheBotLabelAndDisabledRulesFireNothing() {
        api.post("/api/cases.json", "{\"case\": {\"user_email\": \"a@example.com\", \"subject\": \"s\","
                + " \"content\": \"for operators\", \"labels\": [201]}}");
        sandbox.get().setWebhookUrl(null);
        SandboxCase quiet = sandbox.get().createCase("unheard", "Ivan", "");
        sandbox.get().setWebhookUrl(bridge.url("/hook"));
        sandbox.get().customerWrites(quiet.caseId(), "heard");

        awaitDeliveries(1);
        assertThat(textOf(sandbox.get().webhookDeliveries().get(0).body())).isEqualTo("heard");
    }

    @Test
    void deliveriesFollowTheOrderOfChangesAcrossCases() {
        SandboxCase a = sandbox.get().createCase("a0", "A", "a@example.com");
        SandboxCase b = sandbox.get().createCase("b0", "B", "b@example.com");
        for (int i = 1; i <= 5; i++) {
            sandbox.get().customerWrites(a.caseId(), "a" + i);
            sandbox.get().customerWrites(b.caseId(), "b" + i);
        }
        awaitDeliveries(14);
        assertThat(sandbox.get().webhookDeliveries().subList(4, 14)).extracting(d -> textOf(d.body()))
                .containsExactly("a1", "b1", "a2", "b2", "a3", "b3", "a4", "b4", "a5", "b5");
        assertThat(bridge.bodies()).extracting(RulesTest::textOf)
                .containsExactly("a0", "a0", "b0", "b0", "a1", "b1", "a2", "b2", "a3", "b3", "a4", "b4", "a5", "b5");
    }

    @Test
    void concurrentWritersLoseNothingAndEachCaseKeepsItsOrder() {
        List<SandboxCase> cases = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> sandbox.get().createCase("start " + i, "U" + i, "u" + i + "@example.com"))
                .toList();
        List<Thread> writers = cases.stream().map(c -> new Thread(() -> {
            for (int n = 0; n < 25; n++) {
                if (n % 2 == 0) {
                    sandbox.get().customerWrites(c.caseId(), c.caseId() + ":" + n);
                } else {
                    api.post("/api/cases/" + c.caseId() + "/messages.json",
                            "{\"message\": {\"content\": \"" + c.caseId() + ":" + n + "\", \"staff_id\": 1001}}");
                }
            }
        })).toList();
        writers.forEach(Thread::start);
        writers.forEach(t -> {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        awaitDeliveries(8 + 100);
        for (SandboxCase c : cases) {
            List<String> texts = sandbox.get().webhookDeliveries().stream()
                    .filter(d -> d.caseId() == c.caseId() && d.rule().equals("updated-case"))
                    .map(d -> textOf(d.body()))
                    .skip(1)
                    .toList();
            assertThat(texts).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25)
                    .mapToObj(n -> c.caseId() + ":" + n).toList());
            assertThat(sandbox.get().messages(c.caseId())).hasSize(26);
        }
    }

    @Test
    void recordsTheReceiversStatusAndFailuresWithoutRetrying() {
        bridge.answerWith(503);
        SandboxCase c = sandbox.get().createCase("Hi", "Ivan", "ivan@example.com");
        awaitDeliveries(2);
        assertThat(sandbox.get().webhookDeliveries()).extracting(WebhookDelivery::status).containsExactly(503, 503);

        bridge.close();
        sandbox.get().customerWrites(c.caseId(), "anyone?");
        awaitDeliveries(3);
        assertThat(sandbox.get().webhookDeliveries().get(2).status()).isEqualTo(-1);
        assertThat(sandbox.get().webhookDeliveries().get(2).delivered()).isFalse();
    }

    /** A rule body filled by plain text replacement (not by the sandbox's own code), values as given. */
    private static String filled(String ruleBody, SandboxCase c, String text, String email, String name) {
        return ruleBody.replace("[case_description]", text).replace("[last_message]", text)
                .replace("[user_id]", Long.toString(c.userId())).replace("[user_email]", email)
                .replace("[user_full_name]", name).replace("[user_phone]", "")
                .replace("[case_id]", Long.toString(c.caseId()));
    }

    /** The message text out of a rule body, without a JSON parser (the body is often not valid JSON). */
    static String textOf(String body) {
        int start = body.indexOf("\"text\": \"") + "\"text\": \"".length();
        int end = body.indexOf("\"\n},\n\"visitor\"");
        return body.substring(start, end);
    }
}
