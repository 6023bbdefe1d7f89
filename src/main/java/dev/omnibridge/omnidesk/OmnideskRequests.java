package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.storage.Json;
import java.net.URLEncoder;
import java.nio.file.Path;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * Prepares Omnidesk API calls: each method takes what the call is about and returns the {@link OmnideskRequest}
 * (method, path, query, JSON body), which the routes keep in the exchange property {@value #PROPERTY} for the
 * {@code omnidesk-call} route.
 */
public class OmnideskRequests {

    /** Where the routes keep the prepared request. */
    public static final String PROPERTY = "omnideskRequest";

    /**
     * Messages per read: a burst, the bot's replies and their echoes fit in it many times over, and a read costs one
     * unit of the API budget whatever its size.
     */
    static final int MESSAGES_READ = 50;

    /** Longer customer messages are cut: a search URL has limits, and the first words carry the question. */
    static final int MAX_QUERY_CHARS = 200;

    private final ObjectMapper json = Json.MAPPER;

    private long botStaffId;
    private long botLabelId;
    private long operatorLabelId;
    private long operatorGroupId;
    private long operatorStaffId;
    private String notePath = "note.json";
    private String customChannel = "";
    private String caseSubject = "Telegram: {name}";

    /**
     * A staff reply to the customer, through the case's channel, as the bot.
     *
     * @param answeringMessageId the customer message it answers (0: unknown), for the in-doubt check
     * @param answeringText      that message's text when its id is unknown
     */
    public OmnideskRequest reply(long caseId, String text, long answeringMessageId, String answeringText)
            throws JsonProcessingException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("content", text);
        message.put("staff_id", botStaffId);
        return write("reply", caseId, "POST", casePath(caseId) + "/messages.json", Map.of("message", message), text,
                answeringMessageId, answeringText);
    }

    /** An internal note, invisible to the customer (arguments as for {@link #reply}). */
    public OmnideskRequest note(long caseId, String text, long answeringMessageId, String answeringText)
            throws JsonProcessingException {
        return write("note", caseId, "POST", casePath(caseId) + "/" + notePath, Map.of("note", Map.of("content", text)),
                text, answeringMessageId, answeringText);
    }

    /** Takes the case off the bot: removes the bot label, adds the operator label / group / staff when configured. */
    public OmnideskRequest handoff(long caseId) throws JsonProcessingException {
        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("delete_labels", List.of(botLabelId));
        edit.putAll(handoffRouting("add_labels"));
        return write("handoff", caseId, "PUT", casePath(caseId) + ".json", Map.of("case", edit), null, 0, null);
    }

    /** An operator took over: only the bot label comes off (the operator is already there). */
    public OmnideskRequest releaseCase(long caseId) throws JsonProcessingException {
        return write("release-case", caseId, "PUT", casePath(caseId) + ".json",
                Map.of("case", Map.of("delete_labels", List.of(botLabelId))), null, 0, null);
    }

    /**
     * Variant 2's escalation: a case in the custom channel for the Telegram chat ({@code user_custom_id}), with the
     * customer's name, a subject and the transcript as its first message, routed like a Variant 1 handoff (operator
     * label, group, staff when configured).
     */
    public OmnideskRequest createCase(long chatId, String customerName, String transcript)
            throws JsonProcessingException {
        Map<String, Object> created = chatCase(chatId, customerName, transcript);
        created.putAll(handoffRouting("labels"));
        return write("create-case", 0, "POST", "/api/cases.json", Map.of("case", created), null, 0, null);
    }

    /**
     * Mirroring (telegram.mirror=always): a case in the custom channel for a conversation the bot is having, so
     * operators see it; no routing, the bot is still answering.
     */
    public OmnideskRequest mirrorCase(long chatId, String customerName, String transcript)
            throws JsonProcessingException {
        return write("mirror-case", 0, "POST", "/api/cases.json",
                Map.of("case", chatCase(chatId, customerName, transcript)), null, 0, null);
    }

    /** A case of the Telegram chat's customer ({@code user_custom_id}) in the custom channel. */
    private Map<String, Object> chatCase(long chatId, String customerName, String transcript) {
        String name = customerName == null || customerName.isBlank() ? "Telegram " + chatId : customerName;
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("user_custom_id", Long.toString(chatId));
        created.put("user_full_name", name);
        created.put("subject", caseSubject.replace("{name}", name));
        created.put("content", transcript);
        created.put("channel", customChannel);
        return created;
    }

    /** Mirroring: the customer's message in the mirrored case. */
    public OmnideskRequest mirrorMessage(long caseId, long userId, String text, long afterMessageId)
            throws JsonProcessingException {
        return customerWrites("mirror-message", caseId, userId, text, afterMessageId);
    }

    /** A message as the customer's own ({@code user_id} instead of {@code staff_id}). */
    private OmnideskRequest customerWrites(String operation, long caseId, long userId, String text,
            long afterMessageId) throws JsonProcessingException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("user_id", userId);
        message.put("content", text);
        return write(operation, caseId, "POST", casePath(caseId) + "/messages.json", Map.of("message", message), text,
                afterMessageId, null);
    }

    /** Mirroring: what the bot answered, as an internal note (a staff message would go out to the customer). */
    public OmnideskRequest mirrorNote(long caseId, String text) throws JsonProcessingException {
        return write("mirror-note", caseId, "POST", casePath(caseId) + "/" + notePath,
                Map.of("note", Map.of("content", text)), text, 0, null);
    }

    /**
     * Mirroring: the bot handed a mirrored conversation over; the case gets the handoff's routing (operator label,
     * group, staff). Null when none is configured: nothing to change.
     */
    public OmnideskRequest escalateCase(long caseId) throws JsonProcessingException {
        Map<String, Object> edit = handoffRouting("add_labels");
        return edit.isEmpty() ? null
                : write("handoff", caseId, "PUT", casePath(caseId) + ".json", Map.of("case", edit), null, 0, null);
    }

    /** Where a handed-over case goes, as configured: the operator label (under {@code labelsField}), group, staff. */
    private Map<String, Object> handoffRouting(String labelsField) {
        Map<String, Object> routing = new LinkedHashMap<>();
        if (operatorLabelId > 0) {
            routing.put(labelsField, List.of(operatorLabelId));
        }
        if (operatorGroupId > 0) {
            routing.put("group_id", operatorGroupId);
        }
        if (operatorStaffId > 0) {
            routing.put("staff_id", operatorStaffId);
        }
        return routing;
    }

    /** The Telegram chat's cases in the custom channel that are not closed, newest first. */
    public OmnideskRequest findChatCases(long chatId) {
        return read("find-chat-case", 0, "/api/cases.json", "user_custom_id=" + chatId + "&channel[]="
                + URLEncoder.encode(customChannel, StandardCharsets.UTF_8)
                + "&status[]=open&status[]=waiting&sort=updated_at_desc&limit=10");
    }

    /**
     * The customer's own message in the case (Variant 2 relays what they write in Telegram).
     *
     * @param afterMessageId the customer's last message relayed to the case, for the in-doubt check
     */
    public OmnideskRequest customerMessage(long caseId, long userId, String text, long afterMessageId,
            List<String> files) throws JsonProcessingException {
        List<String> attached = files == null ? List.of() : files.stream().filter(f -> f != null).toList();
        String content = text == null || text.isBlank() ? "📎" : text;
        if (files != null && attached.size() < files.size()) {
            content += "\n[" + (files.size() - attached.size() + " file(s) could not be fetched from Telegram]");
        }
        OmnideskRequest json = customerWrites("customer-message", caseId, userId, content, afterMessageId);
        return new OmnideskRequest(json.operation(), caseId, json.method(), json.path(), null, json.body(),
                json.text(), json.afterMessageId(), null, json.firstSentAt(), attached);
    }

    public OmnideskRequest getCase(long caseId) {
        return read("get-case", caseId, casePath(caseId) + ".json", null);
    }

    /** The case's latest messages, newest first. */
    public OmnideskRequest listMessages(long caseId) {
        return read("list-messages", caseId, casePath(caseId) + "/messages.json", "order=desc&limit=" + MESSAGES_READ);
    }

    /** A knowledge-base search for {@code search} (its first {@value #MAX_QUERY_CHARS} characters). */
    public OmnideskRequest kbSearch(String search, int limit) {
        String cut = search.length() > MAX_QUERY_CHARS ? search.substring(0, MAX_QUERY_CHARS) : search;
        return read("kb-search", 0, "/api/kb_article.json",
                "search=" + URLEncoder.encode(cut, StandardCharsets.UTF_8) + "&limit=" + limit);
    }

    private OmnideskRequest write(String operation, long caseId, String method, String path, Object body, String text,
            long afterMessageId, String afterText) throws JsonProcessingException {
        // serialised here, once: every attempt and a dead-letter replay send these very bytes
        return new OmnideskRequest(operation, caseId, method, path, null, json.writeValueAsString(body), text,
                afterMessageId, afterMessageId > 0 ? null : afterText, System.currentTimeMillis(), null);
    }

    private static OmnideskRequest read(String operation, long caseId, String path, String query) {
        return new OmnideskRequest(operation, caseId, "GET", path, query, null, null, 0, null,
                System.currentTimeMillis(), null);
    }

    /** First step of every attempt: puts the kept request on the message, replacing whatever is there. */
    public void apply(@ExchangeProperty(PROPERTY) OmnideskRequest request, Message message) {
        // Camel's redelivery counter lives in a header: keep it, or every retry would count as the first one (the
        // attempts limit never reached, the backoff never growing).
        message.removeHeaders("*", "CamelRedelivery*", "CamelRedelivered");
        message.setHeader(Exchange.HTTP_METHOD, request.httpMethod());
        message.setHeader(Exchange.HTTP_PATH, request.path());
        if (request.query() != null) {
            message.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        if (!request.files().isEmpty()) {
            HttpEntity form = multipart(request);
            message.setHeader(Exchange.CONTENT_TYPE, form.getContentType());
            message.setBody(form);
            return;
        }
        if (request.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        }
        message.setBody(request.body());
    }

    /** A message with files: its fields as message[...] form fields, the files as message[attachments][N]. */
    private HttpEntity multipart(OmnideskRequest request) {
        MultipartEntityBuilder form = MultipartEntityBuilder.create().setCharset(StandardCharsets.UTF_8);
        try {
            json.readTree(request.body()).path("message").properties().forEach(field -> form.addTextBody(
                    "message[" + field.getKey() + "]", field.getValue().asText(),
                    ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a prepared body is always JSON", e);
        }
        for (int i = 0; i < request.files().size(); i++) {
            Path file = Path.of(request.files().get(i));
            form.addBinaryBody("message[attachments][" + i + "]", file.toFile(), ContentType.DEFAULT_BINARY,
                    file.getFileName().toString());
        }
        return form.build();
    }

    private static String casePath(long caseId) {
        if (caseId <= 0) {
            throw new IllegalArgumentException("No case id for the Omnidesk call");
        }
        return "/api/cases/" + caseId;
    }

    public void setBotStaffId(long botStaffId) {
        this.botStaffId = botStaffId;
    }

    public void setBotLabelId(long botLabelId) {
        this.botLabelId = botLabelId;
    }

    public void setOperatorLabelId(long operatorLabelId) {
        this.operatorLabelId = operatorLabelId;
    }

    public void setOperatorGroupId(long operatorGroupId) {
        this.operatorGroupId = operatorGroupId;
    }

    public void setOperatorStaffId(long operatorStaffId) {
        this.operatorStaffId = operatorStaffId;
    }

    /** Variant 2: the custom channel's key ({@code cch12}) the Telegram chats' cases are opened in. */
    public void setCustomChannel(String customChannel) {
        this.customChannel = customChannel == null ? "" : customChannel.strip();
    }

    /** Variant 2: the subject of a chat's case; {name} is the customer's name in Telegram. */
    public void setCaseSubject(String caseSubject) {
        this.caseSubject = caseSubject;
    }

    public void setNotePath(String notePath) {
        this.notePath = notePath.replaceFirst("^/+", "");
    }
}
