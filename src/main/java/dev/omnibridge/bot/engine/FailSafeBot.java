package dev.omnibridge.bot.engine;

import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.ButtonMenu;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback of the engine's circuit breaker (routes/bot-engine.yaml): an external bot's failure never leaves the
 * customer in silence. Whatever went wrong (down, timeout, HTTP error, an answer outside its contract, a bug, or the
 * breaker open so the engine was not called at all), the turn becomes a polite message and a handoff with the reason
 * {@value Handoff#BOT_UNAVAILABLE}.
 *
 * <p>Loop guard: the apology is said once per dialog and window. If the case comes back to the bot (an operator
 * restores the bot label, or an automation does) and the engine fails again within {@code quietMinutes} of the
 * apology, the case goes back to the operators silently, with a note saying so. A turn the engine answers ends the
 * window ({@link #answered}). The time of the apology is kept in the dialog's memory under {@value #FALLBACK_AT}.
 */
public class FailSafeBot {

    public static final String DEFAULT_MESSAGE = "Извините, бот сейчас недоступен — передаю диалог оператору.";
    /** Dialog memory key: epoch millis of the last apology. */
    public static final String FALLBACK_AT = "bot.fallback-at";

    private static final Logger LOG = LoggerFactory.getLogger(FailSafeBot.class);

    private String engineName = "external";
    private String fallbackMessage = DEFAULT_MESSAGE;
    private long quietMillis = Duration.ofMinutes(60).toMillis();
    private int breakerFailures = 5;
    private long breakerOpenSeconds = 30;
    private EngineHttp http = new EngineHttp();
    private Clock clock = Clock.systemUTC();

    public void setEngineName(String engineName) {
        this.engineName = engineName == null || engineName.isBlank() ? "external"
                : engineName.strip().toLowerCase(Locale.ROOT);
    }

    /** Blank: hand over without a word (not recommended: the customer does not know an operator is coming). */
    public void setFallbackMessage(String fallbackMessage) {
        this.fallbackMessage = fallbackMessage == null ? "" : fallbackMessage.strip();
    }

    public void setQuietMinutes(long minutes) {
        this.quietMillis = Duration.ofMinutes(minutes).toMillis();
    }

    /** For the note when the breaker is open: bot.fallback.breaker-failures. */
    public void setBreakerFailures(int breakerFailures) {
        this.breakerFailures = breakerFailures;
    }

    /** For the note when the breaker is open: bot.fallback.breaker-open-seconds. */
    public void setBreakerOpenSeconds(long breakerOpenSeconds) {
        this.breakerOpenSeconds = breakerOpenSeconds;
    }

    /** Tells what went wrong with a call. */
    public void setHttp(EngineHttp http) {
        this.http = http;
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Checks the settings; called when an engine is picked.
     *
     * @throws IllegalArgumentException one line naming the setting and the problem
     */
    public void init() {
        if (quietMillis < 0) {
            throw new IllegalArgumentException("bot.fallback.quiet-minutes must not be negative");
        }
    }

    /** The engine answered: the loop guard's window ends. */
    public void answered(DialogState dialog) {
        dialog.getMemory().remove(FALLBACK_AT);
    }

    /**
     * The turn when the engine failed: the apology (unless said lately) and a handoff saying why.
     *
     * @param failure what the engine call ended with; {@code null} when the breaker is open and it was not called
     */
    public BotTurn fallback(DialogState dialog, WebhookEvent message, Throwable failure) {
        String why;
        if (failure == null) {
            why = "not called: it failed " + breakerFailures + " times in a row (paused for " + breakerOpenSeconds
                    + " s)";
        } else if (EngineHttp.isCallFailure(failure)) {
            why = http.describe(failure);
            LOG.warn("Case {}: the {} bot failed: {}", message.caseId(), engineName, why);
        } else {
            why = http.describe(failure);
            // Only the type at WARN: an exception's message may quote what the engine sent (customer data).
            LOG.warn("Case {}: the {} bot failed unexpectedly ({})", message.caseId(), engineName,
                    failure.getClass().getName());
            LOG.debug("Case {}: bot failure", message.caseId(), failure);
        }
        return fallback(dialog, why, clock.millis());
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
