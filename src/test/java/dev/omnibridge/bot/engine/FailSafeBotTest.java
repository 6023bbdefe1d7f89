package dev.omnibridge.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.ButtonMenu;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FailSafeBotTest {

    private static final String SORRY = "Извините, бот недоступен";
    private static final WebhookEvent MESSAGE =
            new WebhookEvent(42, "new_message", "visitor", "Привет", Visitor.UNKNOWN, 0);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final DialogState dialog = new DialogState(42, Owner.BOT, 0);

    /**
     * The fallback as the circuitBreaker step of routes/bot-engine.yaml uses it, with the breaker built from the same
     * settings: a call the breaker permits reaches the engine and is recorded; one it refuses, or one that fails,
     * ends in the fallback.
     */
    private final class EngineTurns {

        private final FailSafeBot failSafe;
        private final CircuitBreaker breaker;

        EngineTurns(FailSafeBot failSafe, CircuitBreaker breaker) {
            this.failSafe = failSafe;
            this.breaker = breaker;
        }

        BotTurn respond(DialogState dialog, WebhookEvent message) {
            if (!breaker.tryAcquirePermission()) {
                return failSafe.fallback(dialog, message, null);
            }
            calls.incrementAndGet();
            if (failure.get() != null) {
                breaker.onError(0, TimeUnit.MILLISECONDS, failure.get());
                return failSafe.fallback(dialog, message, failure.get());
            }
            breaker.onSuccess(0, TimeUnit.MILLISECONDS);
            failSafe.answered(dialog);
            return BotTurn.ofReplies("ok");
        }
    }

    private EngineTurns failSafe(int breakerFailures) {
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        FailSafeBot bot = new FailSafeBot();
        bot.setEngineName("webim");
        bot.setFallbackMessage(SORRY);
        bot.setQuietMinutes(30);
        bot.setBreakerFailures(breakerFailures);
        bot.setBreakerOpenSeconds(60);
        bot.setClock(clock);
        bot.init();
        return new EngineTurns(bot, EngineCircuitBreaker.of("webim", breakerFailures, 60, clock));
    }

    private void later(Duration by) {
        now.set(now.get().plus(by));
    }

    @Test
    void aWorkingEngineAnswersUntouched() {
        assertThat(failSafe(0).respond(dialog, MESSAGE)).isEqualTo(BotTurn.ofReplies("ok"));
    }

    @Test
    void aFailureBecomesTheApologyAndAHandoffSayingWhy() {
        failure.set(new EngineException("no answer within 300 ms", true)); // retried once: 2 attempts

        BotTurn turn = failSafe(0).respond(dialog, MESSAGE);

        assertThat(turn.replies()).containsExactly(SORRY);
        assertThat(turn.handoff().reason()).isEqualTo(Handoff.BOT_UNAVAILABLE);
        assertThat(turn.handoff().detail())
                .isEqualTo("bot unavailable: webim engine - no answer within 300 ms (2 attempts)");
    }

    @Test
    void anUnexpectedExceptionIsAFailureTooAndItsMessageIsNotRepeated() {
        failure.set(new IllegalStateException("customer said: my card is 4111"));

        BotTurn turn = failSafe(0).respond(dialog, MESSAGE);

        assertThat(turn.replies()).containsExactly(SORRY);
        assertThat(turn.handoff().detail()).contains("IllegalStateException").doesNotContain("4111");
    }

    @Test
    void theApologyIsSaidOncePerWindowThenHandoffsAreSilent() {
        EngineTurns bot = failSafe(0);
        failure.set(new EngineException("HTTP 502", true));
        assertThat(bot.respond(dialog, MESSAGE).replies()).containsExactly(SORRY);

        later(Duration.ofMinutes(10)); // an operator handed the case back; the engine is still down
        BotTurn again = bot.respond(dialog, MESSAGE);

        assertThat(again.replies()).isEmpty();
        assertThat(again.handoff().reason()).isEqualTo(Handoff.BOT_UNAVAILABLE);
        assertThat(again.handoff().detail()).contains("already told 10 min ago");

        later(Duration.ofMinutes(25)); // 35 minutes after the apology: a new one is due
        assertThat(bot.respond(dialog, MESSAGE).replies()).containsExactly(SORRY);
    }

    @Test
    void aWorkingTurnEndsTheWindow() {
        EngineTurns bot = failSafe(0);
        failure.set(new EngineException("HTTP 502", true));
        bot.respond(dialog, MESSAGE);
        failure.set(null);
        bot.respond(dialog, MESSAGE);
        assertThat(dialog.getMemory()).doesNotContainKey(FailSafeBot.FALLBACK_AT);

        failure.set(new EngineException("HTTP 502", true));
        assertThat(bot.respond(dialog, MESSAGE).replies()).containsExactly(SORRY);
    }

    @Test
    void theMenuOfAFailedTurnIsForgotten() {
        ButtonMenu.remember(dialog, List.of(new Button("a", "Да")));
        failure.set(new EngineException("HTTP 500", true));

        failSafe(0).respond(dialog, MESSAGE);

        assertThat(dialog.getMemory()).doesNotContainKey(ButtonMenu.MEMORY_KEY);
    }

    @Test
    void theBreakerStopsCallingAFailingEngineForAWhile() {
        EngineTurns bot = failSafe(3);
        failure.set(new EngineException("no answer within 5000 ms", true));
        for (int i = 0; i < 3; i++) {
            bot.respond(new DialogState(i, Owner.BOT, 0), MESSAGE);
        }
        assertThat(calls).hasValue(3);

        BotTurn paused = bot.respond(new DialogState(10, Owner.BOT, 0), MESSAGE);
        assertThat(calls).hasValue(3);
        assertThat(paused.replies()).containsExactly(SORRY);
        assertThat(paused.handoff().detail()).contains("not called: it failed 3 times in a row");

        later(Duration.ofSeconds(61)); // one try; it fails, so the breaker opens again at once
        bot.respond(new DialogState(11, Owner.BOT, 0), MESSAGE);
        bot.respond(new DialogState(12, Owner.BOT, 0), MESSAGE);
        assertThat(calls).hasValue(4);

        later(Duration.ofSeconds(61)); // the engine is back: every message reaches it again
        failure.set(null);
        assertThat(bot.respond(new DialogState(13, Owner.BOT, 0), MESSAGE).replies()).containsExactly("ok");
        assertThat(bot.respond(new DialogState(14, Owner.BOT, 0), MESSAGE).replies()).containsExactly("ok");
        assertThat(calls).hasValue(6);
    }
}
