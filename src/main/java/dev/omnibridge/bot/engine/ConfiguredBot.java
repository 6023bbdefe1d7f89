package dev.omnibridge.bot.engine;

import dev.omnibridge.bot.Bot;
import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.KnowledgeBase;
import dev.omnibridge.bot.scenario.ScenarioBot;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.WebhookEvent;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code bot} bean: who answers, as {@code bot.type} says. {@code scenario} (the default) is the embedded
 * {@link ScenarioBot}, which {@link #respond} asks; {@code webim}, {@code rasa} and {@code generic} are external bots
 * over HTTP, asked by routes/bot-engine.yaml ({@link #isExternal()}) through the {@link ConfiguredEngine}, the
 * {@link EngineHttp} call policy and the {@link FailSafeBot} fallback, whose settings are checked here. Every setting
 * is passed through from application.properties by beans.yaml; those of the engines not selected are ignored. Call
 * {@link #init()} once.
 */
public class ConfiguredBot implements Bot {

    public static final String SCENARIO = "scenario";
    public static final String WEBIM = WebimBot.ENGINE;
    public static final String RASA = RasaBot.ENGINE;
    public static final String GENERIC = GenericJsonBot.ENGINE;
    public static final List<String> TYPES = List.of(SCENARIO, WEBIM, RASA, GENERIC);

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredBot.class);

    private volatile String description = "";

    private String type = SCENARIO;
    // scenario
    private String scenarioLocation = ScenarioBot.DEFAULT_LOCATION;
    private KnowledgeBase knowledgeBase;
    // every external engine; configured by the caller, checked only if an engine is picked
    private ConfiguredEngine engine = new ConfiguredEngine();
    private EngineHttp http = new EngineHttp();
    private FailSafeBot failSafe = new FailSafeBot();

    private volatile ScenarioBot scenarioBot;
    private volatile boolean external;

    /**
     * Builds the scenario bot, or checks the external engine's settings.
     *
     * @throws IllegalArgumentException one line naming the setting and the problem
     */
    public void init() {
        String kind = type == null || type.isBlank() ? SCENARIO : type.strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(kind)) {
            throw new IllegalArgumentException("bot.type must be one of " + String.join(", ", TYPES) + ", not '"
                    + type + "'");
        }
        if (SCENARIO.equals(kind)) {
            ScenarioBot bot = scenario();
            scenarioBot = bot;
            description = bot.describe();
            if (engine.hasUrl()) {
                LOG.info("bot.http.url is set, but bot.type is scenario: the embedded scenario bot answers");
            }
            return;
        }
        try {
            engine.setType(kind);
            engine.init();
            http.init();
            failSafe.init();
            external = true;
            description = "the " + kind + " engine at " + describeEngine();
            LOG.debug("Bot: {}", description);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bot.type=" + kind + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the scenario file again (the sandbox's playground offers this to scenario authors): the new scenario answers
     * from the next message on; a broken one changes nothing.
     *
     * @return who answers now, as {@link #describe()} says it
     * @throws IllegalArgumentException the loader's one line: the file, what is wrong and where (line, column)
     * @throws IllegalStateException    when an external engine answers: there is no scenario to reload
     */
    public String reloadScenario() {
        if (external) {
            throw new IllegalStateException("bot.type=" + type + ": an external engine answers; there is no scenario"
                    + " to reload");
        }
        ScenarioBot bot = scenario();
        scenarioBot = bot;
        description = bot.describe();
        LOG.info("Scenario reloaded: {}", description);
        return description;
    }

    /** Whether an external engine answers (routes/bot-engine.yaml) rather than the scenario bot. */
    public boolean isExternal() {
        return external;
    }

    /** The scenario bot's answer; an external engine answers through routes/bot-engine.yaml instead. */
    @Override
    public BotTurn respond(DialogState dialog, WebhookEvent message) {
        ScenarioBot bot = scenarioBot;
        if (bot == null) {
            throw new IllegalStateException(external
                    ? "bot.type names an external engine: it answers through routes/bot-engine.yaml"
                    : "ConfiguredBot.init() has not been called");
        }
        return bot.respond(dialog, message);
    }

    /** Who answers, in words for the start-up log: "scenario … (7 intents, …)" or "the rasa engine at …". */
    public String describe() {
        return description;
    }

    /** The scenario bot that answers; {@code null} when an external engine does. */
    public Bot delegate() {
        return scenarioBot;
    }

    /** "https://bot.example.com/api/bot (timeout 5000 ms, connect 2000 ms, 1 retry, HTTP Basic)": no secret. */
    String describeEngine() {
        return engine.describe() + " (" + http.describe() + ", " + engine.auth().describe() + ")";
    }

    private ScenarioBot scenario() {
        ScenarioBot bot = new ScenarioBot();
        bot.setScenarioLocation(scenarioLocation);
        bot.setKnowledgeBase(knowledgeBase);
        bot.init();
        return bot;
    }

    /** The external engine's contract (bot.http.url, credentials, the engine's own settings). */
    public void setEngine(ConfiguredEngine engine) {
        this.engine = engine;
    }

    ConfiguredEngine engine() {
        return engine;
    }

    /** The engine call's limits (bot.http.timeout-ms, -connect-timeout-ms, -retries, -retry-delay-ms). */
    public void setHttp(EngineHttp http) {
        this.http = http;
    }

    EngineHttp http() {
        return http;
    }

    /** The fallback when the engine fails (bot.fallback.*). */
    public void setFailSafe(FailSafeBot failSafe) {
        this.failSafe = failSafe;
    }

    public void setType(String type) {
        this.type = type;
    }

    public void setScenarioLocation(String scenarioLocation) {
        this.scenarioLocation = scenarioLocation;
    }

    public void setKnowledgeBase(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }
}
