package dev.omnibridge.bot.scenario;

import dev.omnibridge.bot.Bot;
import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.ButtonMenu;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.bot.KnowledgeBase;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.WebhookEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default bot, driven by a YAML scenario file (format: README, "Scenario bot"). Configure with
 * the setters, then call {@link #init()} once; {@link #respond} is thread-safe and keeps its only per-dialog state
 * in {@link DialogState#getMisunderstood()}.
 *
 * <p>One turn: the greeting on a new dialog, then the first matching intent (handoff intents first), else the
 * knowledge base, else the "misunderstood" reply — and after N of those in a row, a handoff.
 */
public class ScenarioBot implements Bot {

    public static final String DEFAULT_LOCATION = "classpath:scenario/default-scenario.yaml";

    /** Where the dialog's language is kept between turns (the dialog's memory). */
    static final String LANGUAGE_MEMORY = "language";

    /** The knowledge-base search needs at least this many characters (Omnidesk's own limit). */
    static final int KB_MIN_QUERY_CHARS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioBot.class);

    private String scenarioLocation = DEFAULT_LOCATION;
    private KnowledgeBase knowledgeBase;
    private volatile CompiledScenario scenario;

    public ScenarioBot() {}

    /** A file path, {@code file:path}, or {@code classpath:resource}; default {@value #DEFAULT_LOCATION}. */
    public void setScenarioLocation(String location) {
        this.scenarioLocation = location;
    }

    public String getScenarioLocation() {
        return scenarioLocation;
    }

    /** Null (the default) means no knowledge-base fallback, whatever the scenario says. */
    public void setKnowledgeBase(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    public KnowledgeBase getKnowledgeBase() {
        return knowledgeBase;
    }

    /**
     * Loads and validates the scenario.
     *
     * @throws IllegalArgumentException one line naming the file and the problem
     */
    public void init() {
        CompiledScenario loaded = ScenarioLoader.load(scenarioLocation);
        if (loaded.kb() != null && knowledgeBase == null) {
            LOG.debug("Scenario {} enables the knowledge base, but no knowledge base is configured", scenarioLocation);
        }
        scenario = loaded;
        // DEBUG: Camel Main builds the route files' beans twice; the webhook's opening line says it once.
        LOG.debug("Scenario {}", describe());
    }

    /** "scenario classpath:… (7 intents, knowledge-base fallback on, handoff after 2 misunderstood)". */
    public String describe() {
        CompiledScenario loaded = scenario;
        if (loaded == null) {
            return "scenario " + scenarioLocation + " (not loaded)";
        }
        return "scenario " + scenarioLocation + " (" + loaded.intents().size() + " intents, knowledge-base fallback "
                + (loaded.kb() != null && knowledgeBase != null ? "on" : "off") + ", handoff after "
                + (loaded.handoffAfter() == 0 ? "never" : loaded.handoffAfter() + " misunderstood") + ")";
    }

    /** The loaded scenario, for the scenario commands that show which intent matched. */
    CompiledScenario scenario() {
        return scenario;
    }

    @Override
    public BotTurn respond(DialogState dialog, WebhookEvent message) {
        CompiledScenario current = scenario;
        if (current == null) {
            throw new IllegalStateException("ScenarioBot.init() has not been called");
        }
        String original = message.text().strip();
        NormalizedText text = NormalizedText.of(original);
        Map<String, String> values = new HashMap<>(Template.values(message));
        // The customer's language picks the texts' variant; a message without letters keeps the dialog's.
        String language = Language.of(original, dialog.getMemory().get(LANGUAGE_MEMORY));
        dialog.getMemory().put(LANGUAGE_MEMORY, language);
        values.put(Template.LANGUAGE, language);
        List<String> replies = new ArrayList<>();

        boolean greeted = dialog.isNewDialog() && current.greeting() != null;

        // A choice from the buttons the last answer offered ("2", its text, or a pressed button) answers as its intent.
        Optional<CompiledIntent> intent = ButtonMenu.take(dialog, original).flatMap(b -> current.intent(b.id()))
                .or(() -> current.match(text));
        if (intent.isPresent()) {
            // "Позовите оператора" as the first message: "How can I help?" before the handoff reply reads wrong.
            greet(replies, greeted && !intent.get().handoff(), current.greetingBeforeAnswer(), values);
            intent.get().replies().forEach(reply -> add(replies, reply, values));
            if (intent.get().handoff()) {
                return new BotTurn(replies, new Handoff(Handoff.REQUESTED,
                        "Customer asked for an operator: intent '" + intent.get().id() + "'"));
            }
            dialog.setMisunderstood(0);
            List<Button> buttons = buttons(intent.get(), values);
            ButtonMenu.remember(dialog, buttons);
            return new BotTurn(replies, buttons, null);
        }

        Optional<String> article = searchKnowledgeBase(current, text, original, values, dialog.getCaseId());
        if (article.isPresent()) {
            greet(replies, greeted, current.greetingBeforeAnswer(), values);
            replies.add(article.get());
            dialog.setMisunderstood(0);
            return new BotTurn(replies, null);
        }

        if (greeted) {
            // The first message is often just "Здравствуйте": the greeting is the answer, not a misunderstanding.
            add(replies, current.greeting(), values);
            return new BotTurn(replies, null);
        }
        int misunderstood = dialog.getMisunderstood() + 1;
        dialog.setMisunderstood(misunderstood);
        if (current.handoffAfter() > 0 && misunderstood >= current.handoffAfter()) {
            add(replies, current.handoffReply(), values);
            return new BotTurn(replies, new Handoff(Handoff.NOT_UNDERSTOOD,
                    "The bot did not understand " + misunderstood + " messages in a row"));
        }
        add(replies, current.misunderstoodReply(), values);
        return new BotTurn(replies, null);
    }

    /** The intent's buttons in the dialog's language, each naming the intent it answers as. */
    private static List<Button> buttons(CompiledIntent intent, Map<String, String> values) {
        List<Button> buttons = new ArrayList<>();
        for (CompiledIntent.CompiledButton button : intent.buttons()) {
            String label = button.text().render(values);
            if (!label.isBlank()) {
                buttons.add(new Button(button.intent(), label));
            }
        }
        return buttons;
    }

    private Optional<String> searchKnowledgeBase(
            CompiledScenario current, NormalizedText text, String original, Map<String, String> values, long caseId) {
        KnowledgeBase kb = knowledgeBase;
        if (current.kb() == null || kb == null || text.text().length() < KB_MIN_QUERY_CHARS) {
            return Optional.empty();
        }
        return current.kb().answer(kb, original, values, caseId);
    }

    private static void greet(List<String> replies, boolean greeted, Template greeting, Map<String, String> values) {
        if (greeted) {
            add(replies, greeting, values);
        }
    }

    /** A template that renders empty (say, "{name}" for an anonymous visitor) sends nothing rather than a blank. */
    private static void add(List<String> replies, Template template, Map<String, String> values) {
        String text = template.render(values);
        if (!text.isEmpty()) {
            replies.add(text);
        }
    }
}
