package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.dialog.DialogSteps;
import dev.omnibridge.dialog.WebhookEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares one Omnidesk API call on the exchange: method, path, query and JSON body (as a map, marshalled by the
 * {@code omnidesk-call} route). The property {@value #OPERATION} names the call for metrics and the rate budget.
 */
public class OmnideskRequests {

    public static final String OPERATION = "omnideskOperation";
    /** The text a reply or note carries, for the in-doubt check. */
    public static final String TEXT = "omnideskText";
    public static final String CASE_ID = "caseId";
    public static final String REQUEST = "omnideskRequest";
    /** When the operation was first prepared (the write deadline of an in-doubt write counts from it). */
    public static final String FIRST_SENT_AT = "omnideskFirstSentAt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private long botStaffId;
    private long botLabelId;
    private long operatorLabelId;
    private long operatorGroupId;
    private long operatorStaffId;
    private String notePath = "note.json";

    /** A staff reply to the customer, through the case's channel. Body: the text. */
    public void reply(Exchange exchange) throws JsonProcessingException {
        String text = exchange.getMessage().getBody(String.class);
        exchange.setProperty(TEXT, text);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("content", text);
        message.put("staff_id", botStaffId);
        prepare(exchange, "reply", "POST", casePath(exchange) + "/messages.json", null, Map.of("message", message));
    }

    /** An internal note, invisible to the customer. Body: the text. */
    public void note(Exchange exchange) throws JsonProcessingException {
        String text = exchange.getMessage().getBody(String.class);
        exchange.setProperty(TEXT, text);
        Map<String, Object> note = Map.of("content", text);
        prepare(exchange, "note", "POST", casePath(exchange) + "/" + notePath, null, Map.of("note", note));
    }

    /** Takes the case off the bot: removes the bot label, adds the operator label / group / staff when configured. */
    public void handoff(Exchange exchange) throws JsonProcessingException {
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
        prepare(exchange, "handoff", "PUT", casePath(exchange) + ".json", null, Map.of("case", edit));
    }

    /** An operator took over: only the bot label comes off (the operator is already there). */
    public void releaseCase(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> edit = Map.of("delete_labels", List.of(botLabelId));
        prepare(exchange, "release-case", "PUT", casePath(exchange) + ".json", null, Map.of("case", edit));
    }

    public void getCase(Exchange exchange) throws JsonProcessingException {
        prepare(exchange, "get-case", "GET", casePath(exchange) + ".json", null, null);
    }

    /**
     * Messages per read: a burst, the bot's replies and their echoes fit in it many times over, and a read costs one
     * unit of the API budget whatever its size.
     */
    static final int MESSAGES_READ = 50;

    /** The case's latest messages, newest first. */
    public void listMessages(Exchange exchange) throws JsonProcessingException {
        prepare(exchange, "list-messages", "GET", casePath(exchange) + "/messages.json", "order=desc&limit=" + MESSAGES_READ, null);
    }

    /** Knowledge-base search; the query text is in the body. */
    public void kbSearch(Exchange exchange) throws JsonProcessingException {
        String search = exchange.getMessage().getBody(String.class);
        int limit = exchange.getMessage().getHeader("kbLimit", 3, Integer.class);
        String query = "search=" + URLEncoder.encode(search, StandardCharsets.UTF_8) + "&limit=" + limit;
        prepare(exchange, "kb-search", "GET", "/api/kb_article.json", query, null);
    }

    /** Keeps the request on the exchange; the body is serialised here, once. */
    private static void prepare(Exchange exchange, String operation, String method, String path, String query,
            Object body) throws JsonProcessingException {
        exchange.setProperty(OPERATION, operation);
        exchange.setProperty(FIRST_SENT_AT, System.currentTimeMillis());
        // a new operation: what an earlier one on this exchange left in doubt says nothing about this one
        exchange.removeProperty(OmnideskFailures.IN_DOUBT);
        exchange.removeProperty(OmnideskFailures.ANSWER_LOST);
        exchange.removeProperty(OmnideskFailures.RETRIES);
        exchange.setProperty(REQUEST, new OmnideskRequest(method, path, query,
                body == null ? null : JSON.writeValueAsString(body)));
    }

    /** First step of every attempt: puts the kept request on the message, replacing whatever is there. */
    public void apply(Exchange exchange) {
        OmnideskRequest request = exchange.getProperty(REQUEST, OmnideskRequest.class);
        var message = exchange.getMessage();
        // Camel's redelivery counter lives in a header: keep it, or every retry would count as the first one (the
        // attempts limit never reached, the backoff never growing).
        message.removeHeaders("*", "CamelRedelivery*", "CamelRedelivered");
        // The enum, not its name: the HTTP producer reads this header as HttpMethods, and converting a String to an
        // enum costs Camel a scan of its type converters on every call (7% of the bridge's CPU in the benchmark).
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(request.method()));
        message.setHeader(Exchange.HTTP_PATH, request.path());
        if (request.query() != null) {
            message.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        if (request.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        }
        message.setBody(request.body());
    }

    private static String casePath(Exchange exchange) {
        return "/api/cases/" + caseId(exchange);
    }

    /** The case an exchange is about: the webhook event's, or (dead-letter replay) the {@value #CASE_ID} property. */
    public static long caseId(Exchange exchange) {
        WebhookEvent event = exchange.getProperty(DialogSteps.EVENT, WebhookEvent.class);
        Long caseId = event != null ? Long.valueOf(event.caseId()) : exchange.getProperty(CASE_ID, Long.class);
        if (caseId == null) {
            throw new IllegalStateException("No case id on the exchange");
        }
        return caseId;
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
