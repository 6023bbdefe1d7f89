package dev.omnibridge.bot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.WebhookEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The external engine named by {@code bot.type} (webim, rasa, generic), as the steps of routes/bot-engine.yaml see
 * it: the request for a customer message, with the engine's URL and credentials; its answer read back into a
 * {@link BotTurn}; and, for Rasa's intent handoff, the second call that reads the tracker. The HTTP call itself, its
 * retries and the circuit breaker are route steps. Configure with the setters; {@link ConfiguredBot} calls
 * {@link #init()} when an engine is picked.
 */
public class ConfiguredEngine {

    private String type = "";
    private String url = "";
    private String token = "";
    private String tokenHeader = "Authorization";
    private String tokenPrefix = "";
    private String username = "";
    private String password = "";
    private String handoffMessage = "";
    private boolean webimNewChat = true;
    private String rasaHandoffPayload = "handoff";
    private String rasaHandoffIntent = "";
    private String rasaTrackerUrl = "";

    private volatile EngineContract contract;
    private URI endpoint;
    private EngineAuth auth = EngineAuth.NONE;

    /**
     * Checks the settings and builds the engine's contract.
     *
     * @throws IllegalArgumentException one line naming the setting and the problem
     */
    public void init() {
        String kind = kind();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("bot.http.url (BOT_HTTP_URL) is empty");
        }
        endpoint = httpUri(url, "bot.http.url");
        auth = EngineAuth.of(token, tokenHeader, effectiveTokenPrefix(kind), username, password);
        contract = switch (kind) {
            case WebimBot.ENGINE -> {
                WebimBot webim = new WebimBot();
                webim.setNewChatEvent(webimNewChat);
                yield webim;
            }
            case RasaBot.ENGINE -> {
                RasaBot rasa = new RasaBot();
                rasa.setEndpoint(endpoint);
                rasa.setHandoffPayload(rasaHandoffPayload);
                rasa.setHandoffIntent(rasaHandoffIntent);
                rasa.setTrackerUrl(rasaTrackerUrl);
                rasa.init();
                yield rasa;
            }
            case GenericJsonBot.ENGINE -> new GenericJsonBot();
            default -> throw new IllegalArgumentException("bot.type " + kind + " is not an external engine");
        };
    }

    /** The request for a customer message: POST to bot.http.url, the message in the engine's contract. */
    public EngineRequest request(DialogState dialog, WebhookEvent message) {
        return EngineRequest.post(url, contract().request(dialog, message).toString(), auth);
    }

    /**
     * The engine's JSON answer in the bridge's terms.
     *
     * @throws EngineException an answer outside the engine's contract
     */
    public EngineAnswer answer(DialogState dialog, JsonNode answer) {
        return contract().read(dialog, answer);
    }

    /** Whether the turn needs a second call: Rasa with bot.rasa.handoff-intent, when the answer did not hand over. */
    public boolean readsTracker(EngineAnswer answer) {
        return contract() instanceof RasaBot rasa && rasa.readsTracker(answer);
    }

    /** The second call: GET Rasa's tracker of this conversation (same credentials and limits). */
    public EngineRequest trackerRequest(WebhookEvent message) {
        return EngineRequest.get(rasa().trackerUrl(message), auth);
    }

    /** The answer, handed over when the tracker shows the handoff intent. */
    public EngineAnswer withTrackedIntent(EngineAnswer answer, JsonNode tracker) {
        return rasa().withIntent(answer, tracker);
    }

    /** The turn: the replies with the engine's buttons as a numbered list, or a handoff. */
    public BotTurn turn(DialogState dialog, EngineAnswer answer) {
        return answer.toTurn(dialog, contract().engine(), handoffMessage);
    }

    /** For the start-up log: scheme://host:port/path; never user info or the URL's query (either may be a secret). */
    public String describe() {
        return loggable(endpoint);
    }

    String kind() {
        return type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
    }

    EngineAuth auth() {
        return auth;
    }

    private EngineContract contract() {
        EngineContract configured = contract;
        if (configured == null) {
            throw new IllegalStateException("no external engine: bot.type is " + type);
        }
        return configured;
    }

    private RasaBot rasa() {
        if (contract() instanceof RasaBot rasa) {
            return rasa;
        }
        throw new IllegalStateException("only Rasa has a tracker");
    }

    /** The scheme before a token: the one given, else the engine's usual one in the Authorization header. */
    private String effectiveTokenPrefix(String kind) {
        if (tokenPrefix != null && !tokenPrefix.isBlank()) {
            return tokenPrefix;
        }
        boolean authorization = tokenHeader == null || tokenHeader.isBlank()
                || "Authorization".equalsIgnoreCase(tokenHeader.strip());
        return !authorization ? "" : WebimBot.ENGINE.equals(kind) ? "Token" : "Bearer";
    }

    /** scheme://host:port/path: no user info, no query, no fragment. */
    static String loggable(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static URI httpUri(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty");
        }
        try {
            URI uri = new URI(value.strip());
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(setting + " must be an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a valid URL", e);
        }
    }

    public void setType(String type) {
        this.type = type;
    }

    public void setUrl(String url) {
        this.url = url == null ? "" : url.strip();
    }

    boolean hasUrl() {
        return !url.isEmpty();
    }

    public void setToken(String token) {
        this.token = token;
    }

    public void setTokenHeader(String tokenHeader) {
        this.tokenHeader = tokenHeader;
    }

    /** The scheme before the token; blank: the engine's usual scheme in the Authorization header, else a bare token. */
    public void setTokenPrefix(String tokenPrefix) {
        this.tokenPrefix = tokenPrefix;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Said when the engine hands over without a word of its own; blank = say nothing. */
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
}
