package dev.omnibridge.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an Omnidesk rule webhook into a {@link WebhookEvent}, tolerating the invalid JSON that raw
 * placeholder substitution produces (quotes, backslashes, newlines and control characters in customer text,
 * empty placeholders, a missing last brace).
 *
 * <p>Order of attempts:
 * <ol>
 *   <li>Strict Jackson parse (raw control characters allowed, duplicate keys refused). Used as is in
 *       {@code json} mode; in {@code raw} mode only if the body has no backslash (an escape would have
 *       changed the text) and no template key sits where the template doesn't put it (customer text that
 *       happens to be valid JSON, e.g. {@code ", "kind": "bot}).</li>
 *   <li>{@link RawJsonRepair}: rebuilds valid JSON. In {@code raw} mode string contents are literal text
 *       ({@code C:\new} keeps its backslash); in {@code json} mode they keep their escapes and only the
 *       structure is patched (empty {@code chat_id}, missing brace).</li>
 *   <li>Beyond repair but the URL's {@code case_id} is valid: an event for that case with the text pulled out
 *       by pattern; if even that fails, text {@code ""} and kind {@value #UNPARSEABLE_KIND}, which the bridge
 *       acknowledges, logs and ignores.</li>
 * </ol>
 * Every failure is a {@link BadWebhookException} whose message never quotes the body (it may hold personal
 * data). Thread-safe; meant to be a singleton Camel bean.
 */
public class TolerantWebhookParser {

    public static final String EMPTY_BODY = "empty-body";
    public static final String NOT_AN_OBJECT = "not-an-object";
    public static final String UNPARSEABLE = "unparseable";
    public static final String MISSING_CHAT_ID = "missing-chat-id";
    public static final String INVALID_CHAT_ID = "invalid-chat-id";
    /** Kind of the event returned for an unreadable body when the URL still names the case. */
    public static final String UNPARSEABLE_KIND = "unparseable";

    private static final String NEW_MESSAGE = "new_message";
    private static final int MAX_PLAIN_SCALE = 100;

    /** Shared and immutable once built; depth is capped so hostile nesting fails fast instead of recursing. */
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(RawJsonRepair.MAX_DEPTH).build())
                    .build())
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();
    /** The first, strict attempt also refuses duplicate keys: customer text can fake them. */
    private static final ObjectReader STRICT = MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Repaired text may keep duplicates (last one wins); the repair already chose the best reading. */
    private static final ObjectReader LENIENT = MAPPER.reader();

    private volatile boolean rawPlaceholders = true;

    /**
     * @param mode {@code raw} (default): Omnidesk pastes placeholder values verbatim;
     *             {@code json}: Omnidesk JSON-escapes them, so backslash escapes are honoured
     * @throws IllegalArgumentException for any other value, so a typo fails at startup
     */
    public void setPlaceholderEscaping(String mode) {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "raw" -> rawPlaceholders = true;
            case "json" -> rawPlaceholders = false;
            default -> throw new IllegalArgumentException("placeholder escaping must be 'raw' or 'json'");
        }
    }

    public String getPlaceholderEscaping() {
        return rawPlaceholders ? "raw" : "json";
    }

    /**
     * @param body            raw request body (may be null/empty)
     * @param caseIdFromQuery the optional {@code case_id} query parameter (may be null/blank)
     * @param receivedAt      epoch millis, copied into the event
     * @throws BadWebhookException with reason {@code empty-body}, {@code not-an-object}, {@code unparseable},
     *                             {@code missing-chat-id} or {@code invalid-chat-id}; never anything else
     */
    public WebhookEvent parse(String body, String caseIdFromQuery, long receivedAt) throws BadWebhookException {
        try {
            return parseUnguarded(body, caseIdFromQuery, receivedAt);
        } catch (BadWebhookException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug in here must still give Omnidesk a 4xx, never a 5xx with a stack trace.
            throw new BadWebhookException(UNPARSEABLE, "The webhook body could not be read.");
        }
    }

    /** {@link #parse} without the safety net, so tests see real bugs. */
    WebhookEvent parseUnguarded(String body, String caseIdFromQuery, long receivedAt) {
        String text = stripBom(body);
        if (text == null || text.isBlank()) {
            throw new BadWebhookException(EMPTY_BODY, "The webhook body is empty.");
        }
        ChatId fromQuery = ChatId.fromText(caseIdFromQuery);
        JsonNode root = readObject(text);
        return root == null ? beyondRepair(text, fromQuery, receivedAt) : toEvent(root, fromQuery, receivedAt);
    }

    // ---- reading ----

    /** @return the root object, or null when the body is beyond repair */
    private JsonNode readObject(String text) {
        boolean raw = rawPlaceholders;
        JsonNode strict = tryRead(STRICT, text);
        if (strict != null && !strict.isObject()) {
            throw notAnObject();
        }
        if (strict != null && (!raw || isTrustworthy(text, strict))) {
            return strict;
        }
        if (firstNonBlank(text) == '[') {
            throw notAnObject(); // e.g. 100,000 nested '[': clearly not the template, don't try to repair it
        }
        String repaired = RawJsonRepair.repair(text, raw);
        JsonNode node = repaired == null ? null : tryRead(LENIENT, repaired);
        // Patching anything into an object is easy; only a result that has the template's keys was a webhook.
        return node != null && TemplateShape.hasRootKey(node) ? node : strict;
    }

    /**
     * In raw mode valid JSON is taken as is only when no backslash can have been read as an escape and no
     * template key turned up where the template doesn't put it (text like {@code ", "chat_id": 5, "x": "}).
     */
    private static boolean isTrustworthy(String text, JsonNode strict) {
        return text.indexOf('\\') < 0 && TemplateShape.fits(strict);
    }

    private static JsonNode tryRead(ObjectReader reader, String json) {
        try {
            return reader.readTree(json);
        } catch (Exception e) { // JsonProcessingException, StreamConstraintsException: not strict JSON
            return null;
        }
    }

    private static String stripBom(String body) {
        if (body == null) {
            return null;
        }
        if (body.startsWith("\uFEFF")) {
            return body.substring(1);
        }
        // The same BOM decoded as ISO-8859-1 by a client that ignored the charset.
        return body.startsWith("\u00EF\u00BB\u00BF") ? body.substring(3) : body;
    }

    private static char firstNonBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return ' ';
    }

    // ---- mapping ----

    private static WebhookEvent toEvent(JsonNode root, ChatId fromQuery, long receivedAt) {
        JsonNode message = root.path("message");
        JsonNode visitorNode = root.path("visitor");
        JsonNode fields = visitorNode.path("fields");
        JsonNode textNode = message.path("text");
        long caseId = resolveCaseId(ChatId.fromNode(root.path("chat_id")), fromQuery);

        JsonNode eventNode = root.path("event");
        String event = isPresent(eventNode) ? asText(eventNode) : isPresent(textNode) ? NEW_MESSAGE : "";
        String fieldsId = asText(fields.path("id"));
        Visitor visitor = new Visitor(
                fieldsId.isEmpty() ? asText(visitorNode.path("id")) : fieldsId,
                asText(fields.path("name")),
                asText(fields.path("email")),
                asText(fields.path("phone")));
        return new WebhookEvent(caseId, event, asText(message.path("kind")), asText(textNode), visitor, receivedAt);
    }

    /** The body's chat_id wins; the URL's case_id covers an empty or broken placeholder. */
    private static long resolveCaseId(ChatId fromBody, ChatId fromQuery) {
        if (fromBody.isValid()) {
            return fromBody.value();
        }
        if (fromQuery.isValid()) {
            return fromQuery.value();
        }
        if (fromBody.isInvalid() || fromQuery.isInvalid()) {
            throw new BadWebhookException(INVALID_CHAT_ID, "chat_id is not a positive whole number.");
        }
        throw new BadWebhookException(MISSING_CHAT_ID, "The webhook names no chat_id and the URL has no case_id.");
    }

    /** Strings as they are; numbers and booleans as their text; null, objects and arrays as empty. */
    private static String asText(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            // 1e999999999 is 11 characters of JSON but a billion of plain digits
            return Math.abs((long) d.scale()) <= MAX_PLAIN_SCALE ? d.toPlainString() : d.toString();
        }
        return node.isBoolean() ? node.asText() : "";
    }

    private static boolean isPresent(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    // ---- beyond repair ----

    private static WebhookEvent beyondRepair(String text, ChatId fromQuery, long receivedAt) {
        if (!fromQuery.isValid()) {
            throw new BadWebhookException(UNPARSEABLE, "The webhook body is not JSON the bridge can repair.");
        }
        Optional<String> customerText = BestEffortExtractor.text(text);
        if (customerText.isEmpty()) {
            return new WebhookEvent(fromQuery.value(), NEW_MESSAGE, UNPARSEABLE_KIND, "", Visitor.UNKNOWN, receivedAt);
        }
        String event = BestEffortExtractor.simpleField(text, "event");
        Visitor visitor = new Visitor(
                BestEffortExtractor.simpleField(text, "id"),
                BestEffortExtractor.simpleField(text, "name"),
                BestEffortExtractor.simpleField(text, "email"),
                BestEffortExtractor.simpleField(text, "phone"));
        return new WebhookEvent(fromQuery.value(), event.isEmpty() ? NEW_MESSAGE : event,
                BestEffortExtractor.simpleField(text, "kind"), customerText.get(), visitor, receivedAt);
    }

    private static BadWebhookException notAnObject() {
        return new BadWebhookException(NOT_AN_OBJECT, "The webhook body must be a JSON object.");
    }
}
