package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.storage.Json;
import java.net.URLEncoder;
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
        if (operatorLabelId > 0) {
            edit.put("add_labels", List.of(operatorLabelId));
        }
        if (operatorGroupId > 0) {
            edit.put("group_id", operatorGroupId);
        }
        if (operatorStaffId > 0) {
            edit.put("staff_id", operatorStaffId);
        }
        return write("handoff", caseId, "PUT", casePath(caseId) + ".json", Map.of("case", edit), null, 0, null);
    }

    /** An operator took over: only the bot label comes off (the operator is already there). */
    public OmnideskRequest releaseCase(long caseId) throws JsonProcessingException {
        return write("release-case", caseId, "PUT", casePath(caseId) + ".json",
                Map.of("case", Map.of("delete_labels", List.of(botLabelId))), null, 0, null);
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
                afterMessageId, afterMessageId > 0 ? null : afterText, System.currentTimeMillis());
    }

    private static OmnideskRequest read(String operation, long caseId, String path, String query) {
        return new OmnideskRequest(operation, caseId, "GET", path, query, null, null, 0, null,
                System.currentTimeMillis());
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
        if (request.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        }
        message.setBody(request.body());
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

    public void setNotePath(String notePath) {
        this.notePath = notePath.replaceFirst("^/+", "");
    }
}
