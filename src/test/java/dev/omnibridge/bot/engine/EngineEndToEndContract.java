package dev.omnibridge.bot.engine;

import static dev.omnibridge.bot.engine.Conversations.awaitNotes;
import static dev.omnibridge.bot.engine.Conversations.customerText;
import static dev.omnibridge.bot.engine.Conversations.hasBotLabel;
import static dev.omnibridge.bot.engine.Conversations.settleHandedOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.RunningBridge;
import dev.omnibridge.bot.engine.FakeEngine.Request;
import dev.omnibridge.bot.engine.FakeEngine.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One engine type through the real application: the sandbox Omnidesk fires its rules at the bridge, the bridge asks
 * a fake engine over real HTTP, and what the customer and the operator see is checked in the sandbox. A subclass
 * gives the engine's contract ({@link #answer}) and its own conversations; this class adds the fail-safe: an engine
 * that answers HTML, broken JSON, JSON outside its contract, an error, nothing in time, or is down, gets the
 * customer the apology and an operator, exactly once. Misbehaviour is chosen by what the customer writes
 * ("сбой …"), so every case shows one failure; "down" runs last, as it stops the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class EngineEndToEndContract {

    static final String FALLBACK = "Извините, бот сейчас недоступен — передаю диалог оператору.";
    static final int TIMEOUT_MS = 1000;

    FakeEngine engine;
    RunningBridge bridge;

    /** bot.type */
    abstract String type();

    /** The path the engine listens on. */
    String path() {
        return "/bot";
    }

    /** Engine-specific settings (credentials, markers). */
    abstract Map<String, String> settings();

    /** The engine doing its job, in its own contract. */
    abstract Response answer(Request request);

    @BeforeAll
    void start() {
        engine = FakeEngine.start(r -> customerText(r).startsWith("сбой") ? misbehave(customerText(r)) : answer(r));
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("bot.type", type());
        settings.put("bot.http.url", engine.url(path()));
        settings.put("bot.http.timeout-ms", Integer.toString(TIMEOUT_MS));
        settings.put("bot.http.retries", "1");
        settings.put("bot.http.retry-delay-ms", "10");
        settings.put("bot.fallback.breaker-failures", "0"); // every failure here must reach the engine
        bridge = RunningBridge.start(settings);
    }

    @AfterAll
    void stop() {
        bridge.close();
        engine.close();
    }

    private static Response misbehave(String text) {
        if (text.contains("html")) {
            return Response.raw(200, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        }
        if (text.contains("broken json")) {
            return Response.json("{\"has_answer\": tru");
        }
        if (text.contains("not the contract")) {
            return Response.json("[1, 2]"); // valid JSON, but no engine's answer
        }
        if (text.contains("slow")) {
            return Response.hang();
        }
        return Response.raw(500, "text/plain", "Internal Server Error");
    }

    private long calls(String text) {
        return engine.requests(r -> r.path().equals(path()) && customerText(r).equals(text)).size();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"html, 1", "broken json, 1", "not the contract, 1", "slow, 2", "error 500, 2"})
    void aFailingEngineGetsTheCustomerTheApologyAndAnOperatorExactlyOnce(String failure, int attempts) {
        String text = "сбой " + failure;
        long caseId = bridge.sandbox().createCase(text, "Ivan", "").caseId();

        String note = awaitNotes(bridge, caseId, 1).get(0);
        settleHandedOff(bridge, caseId, FALLBACK);

        assertThat(note).contains("bot-unavailable", "bot unavailable: " + type() + " engine", text);
        assertThat(bridge.botMessages(caseId)).containsExactly(FALLBACK);
        assertThat(bridge.notes(caseId)).hasSize(1);
        assertThat(hasBotLabel(bridge, caseId)).isFalse();
        assertThat(calls(text)).isEqualTo(attempts);
    }

    @Test
    void aCaseHandedBackWhileTheEngineStillFailsGoesBackWithoutASecondApology() {
        long caseId = bridge.sandbox().createCase("сбой html before hand-back", "", "").caseId();
        awaitNotes(bridge, caseId, 1);
        settleHandedOff(bridge, caseId, FALLBACK);

        bridge.sandbox().addLabel(caseId, bridge.sandbox().botLabelId()); // the operator gives it back
        bridge.sandbox().customerWrites(caseId, "сбой html again");

        String second = awaitNotes(bridge, caseId, 2).get(1);
        settleHandedOff(bridge, caseId, null);
        assertThat(second).contains("bot-unavailable", "already told", "nothing was said this time");
        assertThat(bridge.botMessages(caseId)).containsExactly(FALLBACK);
        assertThat(bridge.notes(caseId)).hasSize(2);
        assertThat(hasBotLabel(bridge, caseId)).isFalse();
        assertThat(calls("сбой html again")).isEqualTo(1);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void anEngineThatIsDownGetsTheCustomerTheApologyAndAnOperatorExactlyOnce() {
        engine.close();
        long caseId = bridge.sandbox().createCase("Привет", "", "").caseId();

        String note = awaitNotes(bridge, caseId, 1).get(0);
        settleHandedOff(bridge, caseId, FALLBACK);

        assertThat(note).contains("bot-unavailable", "bot unavailable: " + type() + " engine", "cannot connect");
        assertThat(bridge.botMessages(caseId)).containsExactly(FALLBACK);
        assertThat(bridge.notes(caseId)).hasSize(1);
        assertThat(hasBotLabel(bridge, caseId)).isFalse();
    }
}
