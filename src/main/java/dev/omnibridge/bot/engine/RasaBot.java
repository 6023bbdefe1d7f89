package dev.omnibridge.bot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.WebhookEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Rasa assistant through its REST channel. The sender is the Omnidesk case id, so Rasa keeps one conversation per
 * case; a numbered-list answer to Rasa's buttons is sent as the button's payload, as a click in a Rasa widget would.
 *
 * <pre>
 * → POST /webhooks/rest/webhook {"sender":"5001","message":"Где заказ?","metadata":{…}}
 * ← [{"recipient_id":"5001","text":"…","buttons":[{"title":"Курьером","payload":"/courier"}]},
 *    {"recipient_id":"5001","custom":{"handoff":true}}]
 * </pre>
 *
 * <p>Handoff, either or both: a bot message whose {@code custom} payload has the key {@link #setHandoffPayload}
 * with a true value (or a reason text, or {@code {"reason": …}}); or, when {@link #setHandoffIntent} is set, the
 * customer's message being classified as that intent, read from Rasa's tracker (needs {@code rasa run --enable-api}):
 * a second call in the same turn, made by routes/bot-engine.yaml ({@link #trackerUrl}, {@link #withIntent}).
 */
public class RasaBot implements EngineContract {

    static final String ENGINE = "rasa";
    static final String REST_PATH = "/webhooks/rest/webhook";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private URI endpoint;
    private String handoffPayload = "handoff";
    private String handoffIntent = "";
    private String trackerUrl = "";
    private String trackerTemplate;

    /** The REST channel (bot.http.url): the tracker's URL is derived from it unless given. */
    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The key in a bot message's {@code custom} payload that asks for an operator; blank = not used. */
    public void setHandoffPayload(String handoffPayload) {
        this.handoffPayload = handoffPayload == null ? "" : handoffPayload.strip();
    }

    /** The intent that means "give me a human"; blank (default) = not used, and the tracker is not read. */
    public void setHandoffIntent(String handoffIntent) {
        this.handoffIntent = handoffIntent == null ? "" : handoffIntent.strip();
    }

    /** The tracker URL with a {@code {sender}} placeholder; blank = derived from the REST channel URL. */
    public void setTrackerUrl(String trackerUrl) {
        this.trackerUrl = trackerUrl == null ? "" : trackerUrl.strip();
    }

    public void init() {
        if (endpoint == null) {
            throw new IllegalStateException("RasaBot needs the REST channel's URL");
        }
        if (!handoffIntent.isEmpty()) {
            trackerTemplate = trackerUrl.isEmpty() ? derivedTrackerUrl(endpoint) : trackerUrl;
            if (!trackerTemplate.contains("{sender}")) {
                throw new IllegalArgumentException("bot.rasa.tracker-url must contain {sender}");
            }
            ConfiguredEngine.httpUri(trackerTemplate.replace("{sender}", "0"), "bot.rasa.tracker-url");
        }
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public ObjectNode request(DialogState dialog, WebhookEvent message, Optional<Button> chosen) {
        return request(dialog, message, sender(message), chosen);
    }

    @Override
    public EngineAnswer read(DialogState dialog, JsonNode answer) {
        return read(answer, handoffPayload);
    }

    /** Whether the turn needs the tracker too: an intent handoff is configured, and the answer did not hand over. */
    boolean readsTracker(EngineAnswer answer) {
        return trackerTemplate != null && answer.handoff() == null;
    }

    /** Where the conversation's tracker is read: GET, the same credentials. */
    String trackerUrl(WebhookEvent message) {
        return trackerTemplate.replace("{sender}", URLEncoder.encode(sender(message), StandardCharsets.UTF_8));
    }

    /** The answer, handed over when the tracker says the customer's message was the handoff intent. */
    EngineAnswer withIntent(EngineAnswer answer, JsonNode tracker) {
        if (!tracker.isObject()) {
            throw EngineException.garbage("Rasa tracker is not a JSON object");
        }
        String intent = tracker.path("latest_message").path("intent").path("name").asText("");
        if (!handoffIntent.equals(intent)) {
            return answer;
        }
        return new EngineAnswer(answer.replies(), List.of(),
                new Handoff(Handoff.BOT_DECIDED, "Rasa recognised the intent '" + intent + "'"));
    }

    private static String sender(WebhookEvent message) {
        return Long.toString(message.caseId());
    }

    static ObjectNode request(DialogState dialog, WebhookEvent message, String sender, Optional<Button> chosen) {
        ObjectNode request = NODES.objectNode().put("sender", sender);
        // A chosen button speaks its payload ("/intent{...}" is read by Rasa without NLU), like a widget click.
        request.put("message", chosen.map(b -> b.id().isEmpty() ? b.text() : b.id()).orElse(message.text()));
        ObjectNode metadata = request.putObject("metadata");
        metadata.put("case_id", message.caseId()).put("new_dialog", dialog.isNewDialog());
        metadata.putObject("visitor").put("id", message.visitor().id()).put("name", message.visitor().name())
                .put("email", message.visitor().email()).put("phone", message.visitor().phone());
        return request;
    }

    static EngineAnswer read(JsonNode answer, String handoffPayload) {
        if (!answer.isArray()) {
            throw EngineException.garbage("Rasa answer is not a list of messages");
        }
        List<String> replies = new ArrayList<>();
        List<Button> buttons = new ArrayList<>();
        Handoff handoff = null;
        for (JsonNode m : answer) {
            if (!m.isObject()) {
                throw EngineException.garbage("Rasa answer with a message that is not an object");
            }
            if (m.path("text").isTextual()) {
                replies.add(m.path("text").asText());
            }
            if (m.path("image").isTextual()) {
                replies.add(m.path("image").asText()); // the link: chat channels preview it
            }
            for (JsonNode b : m.path("buttons")) {
                String title = b.path("title").asText("");
                buttons.add(new Button(b.path("payload").asText(title), title.isEmpty() ? b.path("payload").asText("")
                        : title));
            }
            if (handoff == null && !handoffPayload.isEmpty()) {
                handoff = handoffMarker(m.path("custom").path(handoffPayload), handoffPayload);
            }
        }
        return new EngineAnswer(replies, buttons, handoff);
    }

    /** {@code true}, a reason text, or an object with a {@code reason}: hand over; absent, false, null: do not. */
    private static Handoff handoffMarker(JsonNode marker, String key) {
        if (marker.isMissingNode() || marker.isNull() || (marker.isBoolean() && !marker.asBoolean())) {
            return null;
        }
        String reason = marker.isTextual() ? marker.asText() : marker.path("reason").asText("");
        return new Handoff(Handoff.BOT_DECIDED, reason.isBlank()
                ? "Rasa asked for an operator (custom payload '" + key + "')" : reason.strip());
    }

    /** http://rasa:5005/webhooks/rest/webhook → http://rasa:5005/conversations/{sender}/tracker?include_events=NONE */
    static String derivedTrackerUrl(URI restChannel) {
        String url = restChannel.getScheme() + "://" + restChannel.getRawAuthority() + restChannel.getRawPath();
        if (!url.endsWith(REST_PATH)) {
            throw new IllegalArgumentException("bot.rasa.handoff-intent needs bot.rasa.tracker-url: it cannot be "
                    + "derived from a bot.http.url that does not end with " + REST_PATH);
        }
        return url.substring(0, url.length() - REST_PATH.length())
                + "/conversations/{sender}/tracker?include_events=NONE";
    }
}
