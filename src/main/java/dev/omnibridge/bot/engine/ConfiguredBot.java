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
 * The {@code bot} bean the routes call: the engine named by {@code bot.type}. {@code scenario} (the default) is the
 * embedded {@link ScenarioBot}; {@code webim}, {@code rasa} and {@code generic} are external bots over HTTP, each
 * wrapped in a {@link FailSafeBot}. Every setting is passed through from application.properties by beans.yaml;
 * those of the engines not selected are ignored. Call {@link #init()} once.
 */
public class ConfiguredBot implements Bot {

    public static final String SCENARIO = "scenario";
    public static final String WEBIM = WebimBot.ENGINE;
    public static final String RASA = RasaBot.ENGINE;
    public static final String GENERIC = GenericJsonBot.ENGINE;
    public static final List<String> TYPES = List.of(SCENARIO, WEBIM, RASA, GENERIC);

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredBot.class);

    private String description = "";

    private String type = SCENARIO;
    // scenario
    private String scenarioLocation = ScenarioBot.DEFAULT_LOCATION;
    private KnowledgeBase knowledgeBase;
    // every external engine
    private EngineClient client = new EngineClient(); // configured by the caller, initialised only if an engine is picked
    private String handoffMessage = "";
    // one engine each
    private boolean webimNewChat = true;
    private String rasaHandoffPayload = "handoff";
    private String rasaHandoffIntent = "";
    private String rasaTrackerUrl = "";
    // fail-safe
    private String fallbackMessage = FailSafeBot.DEFAULT_MESSAGE;
    private long fallbackQuietMinutes = 60;
    private int breakerFailures = 5;
    private long breakerOpenSeconds = 30;

    private volatile Bot delegate;

    /**
     * Builds the selected engine.
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
            ScenarioBot scenarioBot = scenario();
            delegate = scenarioBot;
            description = scenarioBot.describe();
            if (client.hasUrl()) {
                LOG.info("bot.http.url is set, but bot.type is scenario: the embedded scenario bot answers");
            }
            return;
        }
        try {
            EngineClient client = client(kind);
            FailSafeBot failSafe = new FailSafeBot();
            failSafe.setEngine(engine(kind, client));
            failSafe.setEngineName(kind);
            failSafe.setFallbackMessage(fallbackMessage);
            failSafe.setQuietMinutes(fallbackQuietMinutes);
            failSafe.setBreakerFailures(breakerFailures);
            failSafe.setBreakerOpenSeconds(breakerOpenSeconds);
            failSafe.init();
            delegate = failSafe;
            description = "the " + kind + " engine at " + client.describe();
            LOG.debug("Bot: {}", description);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bot.type=" + kind + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BotTurn respond(DialogState dialog, WebhookEvent message) {
        Bot bot = delegate;
        if (bot == null) {
            throw new IllegalStateException("ConfiguredBot.init() has not been called");
        }
        return bot.respond(dialog, message);
    }

    /** Who answers, in words for the start-up log: "scenario … (7 intents, …)" or "the rasa engine at …". */
    public String describe() {
        return description;
    }

    /** The bot that answers: a {@link ScenarioBot} or a {@link FailSafeBot} around an engine. */
    public Bot delegate() {
        return delegate;
    }

    private ScenarioBot scenario() {
        ScenarioBot bot = new ScenarioBot();
        bot.setScenarioLocation(scenarioLocation);
        bot.setKnowledgeBase(knowledgeBase);
        bot.init();
        return bot;
    }

    private EngineClient client(String kind) {
        if (!client.hasUrl()) {
            throw new IllegalArgumentException("bot.http.url (BOT_HTTP_URL) is empty");
        }
        client.setUsualScheme(WEBIM.equals(kind) ? "Token" : "Bearer");
        client.init();
        return client;
    }

    private Bot engine(String kind, EngineClient client) {
        switch (kind) {
            case WEBIM -> {
                WebimBot webim = new WebimBot();
                webim.setClient(client);
                webim.setNewChatEvent(webimNewChat);
                webim.setHandoffMessage(handoffMessage);
                webim.init();
                return webim;
            }
            case RASA -> {
                RasaBot rasa = new RasaBot();
                rasa.setClient(client);
                rasa.setHandoffPayload(rasaHandoffPayload);
                rasa.setHandoffIntent(rasaHandoffIntent);
                rasa.setTrackerUrl(rasaTrackerUrl);
                rasa.setHandoffMessage(handoffMessage);
                rasa.init();
                return rasa;
            }
            default -> {
                GenericJsonBot generic = new GenericJsonBot();
                generic.setClient(client);
                generic.setHandoffMessage(handoffMessage);
                generic.init();
                return generic;
            }
        }
    }

    /** The engine's HTTP client with its settings (bot.http.*); used only when bot.type names an engine. */
    public void setClient(EngineClient client) {
        this.client = client;
    }

    EngineClient client() {
        return client;
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

    public void setHandoffMessage(String handoffMessage) {
        this.handoffMessage = handoffMessage;
    }

    public void setWebimNewChat(boolean webimNewChat) {
        this.webimNewChat = webimNewChat;
    }

    public void setRasaHandoffPayload(String rasaHandoffPayload) {
        this.rasaHandoffPayload = rasaHandoffPayload;
    }

    public void setRasaHandoffIntent(String rasaHandoffIntent) {
        this.rasaHandoffIntent = rasaHandoffIntent;
    }

    public void setRasaTrackerUrl(String rasaTrackerUrl) {
        this.rasaTrackerUrl = rasaTrackerUrl;
    }

    public void setFallbackMessage(String fallbackMessage) {
        this.fallbackMessage = fallbackMessage;
    }

    public void setFallbackQuietMinutes(long fallbackQuietMinutes) {
        this.fallbackQuietMinutes = fallbackQuietMinutes;
    }

    public void setBreakerFailures(int breakerFailures) {
        this.breakerFailures = breakerFailures;
    }

    public void setBreakerOpenSeconds(long breakerOpenSeconds) {
        this.breakerOpenSeconds = breakerOpenSeconds;
    }
}
