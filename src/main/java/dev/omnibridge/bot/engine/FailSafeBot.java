package dev.omnibridge.bot.engine;

import dev.omnibridge.bot.Bot;
import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an external bot so that its failure never leaves the customer in silence: whatever goes wrong (down,
 * timeout, HTTP error, an answer outside its contract, a bug), the turn becomes a polite message and a handoff with
 * the reason {@value Handoff#BOT_UNAVAILABLE}.
 *
 * <p>Loop guard: the apology is said once per dialog and window. If the case comes back to the bot (an operator
 * restores the bot label, or an automation does) and the engine fails again within {@code quietMinutes} of the
 * apology, the case goes back to the operators silently, with a note saying so. A successful turn in between ends
 * the window. The time of the apology is kept in the dialog's memory under {@value #FALLBACK_AT}.
 */
public class FailSafeBot implements Bot {

    public static final String DEFAULT_MESSAGE = "Извините, бот сейчас недоступен — передаю диалог оператору.";
    /** Dialog memory key: epoch millis of the last apology. */
    public static final String FALLBACK_AT = "bot.fallback-at";

    private static final Logger LOG = LoggerFactory.getLogger(FailSafeBot.class);

    private Bot engine;
    private String engineName = "external";
    private String fallbackMessage = DEFAULT_MESSAGE;
    private long quietMillis = Duration.ofMinutes(60).toMillis();
    private int breakerFailures = 5;
    private long breakerOpenMillis = 30_000;
    private Clock clock = Clock.systemUTC();
    private EngineBreaker breaker;

    public void setEngine(Bot engine) {
        this.engine = engine;
    }

    public void setEngineName(String engineName) {
        this.engineName = engineName;
    }

    /** Blank: hand over without a word (not recommended: the customer does not know an operator is coming). */
    public void setFallbackMessage(String fallbackMessage) {
        this.fallbackMessage = fallbackMessage == null ? "" : fallbackMessage.strip();
    }

    public void setQuietMinutes(long minutes) {
        this.quietMillis = Duration.ofMinutes(minutes).toMillis();
    }

    public void setBreakerFailures(int breakerFailures) {
        this.breakerFailures = breakerFailures;
    }

    public void setBreakerOpenSeconds(long seconds) {
        this.breakerOpenMillis = Duration.ofSeconds(seconds).toMillis();
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }

    public void init() {
        if (engine == null) {
            throw new IllegalStateException("FailSafeBot needs the engine it protects");
        }
        if (quietMillis < 0) {
            throw new IllegalArgumentException("bot.fallback.quiet-minutes must not be negative");
        }
        breaker = new EngineBreaker(engineName, breakerFailures, breakerOpenMillis);
    }

    @Override
    public BotTurn respond(DialogState dialog, WebhookEvent message) {
        long now = clock.millis();
        if (!breaker.allows(now)) {
            return fallback(dialog, breaker.pausedFor(), now);
        }
        try {
            BotTurn turn = engine.respond(dialog, message);
            breaker.succeeded();
            dialog.getMemory().remove(FALLBACK_AT);
            return turn;
        } catch (EngineException e) {
            breaker.failed(now);
            LOG.warn("Case {}: the {} bot failed: {}", message.caseId(), engineName, e.getMessage());
            return fallback(dialog, e.getMessage(), now);
        } catch (RuntimeException e) {
            breaker.failed(now);
            // Only the type at WARN: an exception's message may quote what the engine sent (customer data).
            LOG.warn("Case {}: the {} bot failed unexpectedly ({})", message.caseId(), engineName,
                    e.getClass().getName());
            LOG.debug("Case {}: bot failure", message.caseId(), e);
            return fallback(dialog, "unexpected " + e.getClass().getSimpleName(), now);
        }
    }

    private BotTurn fallback(DialogState dialog, String why, long now) {
        ButtonMenu.remember(dialog, List.of());
        long toldAt = toldAt(dialog, now);
        String detail = "bot unavailable: " + engineName + " engine - " + why;
        if (toldAt >= 0) {
            detail += "; the customer was already told " + (now - toldAt) / 60_000
                    + " min ago that an operator is coming, so nothing was said this time";
            return new BotTurn(List.of(), new Handoff(Handoff.BOT_UNAVAILABLE, detail));
        }
        dialog.getMemory().put(FALLBACK_AT, Long.toString(now));
        List<String> replies = fallbackMessage.isEmpty() ? List.of() : List.of(fallbackMessage);
        return new BotTurn(replies, new Handoff(Handoff.BOT_UNAVAILABLE, detail));
    }

    /** When the customer was last told, if that was within the quiet window; -1 otherwise. */
    private long toldAt(DialogState dialog, long now) {
        String at = dialog.getMemory().get(FALLBACK_AT);
        if (at == null) {
            return -1;
        }
        try {
            long told = Long.parseLong(at);
            return now >= told && now - told < quietMillis ? told : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
