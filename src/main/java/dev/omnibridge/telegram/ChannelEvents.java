package dev.omnibridge.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.storage.Json;
import dev.omnibridge.webhook.BadWebhookException;
import dev.omnibridge.webhook.OperatorReply;
import dev.omnibridge.webhook.OperatorReplyParser;
import java.io.IOException;
import java.util.Map;

/**
 * What arrives at the custom channel's URL ({@code POST /webhooks/omnidesk-channel/{secret}}) as a chat event:
 * Omnidesk's operator reply ({@code type=message_new}, form fields or JSON) or the case-closed rule's
 * {@code {"type": "case_closed", "object": {"case_id": …}}}. Null when there is nothing for the customer (a note, a
 * rule's message, the bot's own message).
 */
public class ChannelEvents {

    public static final String CASE_CLOSED = "case_closed";

    private final OperatorReplyParser replies = new OperatorReplyParser();
    private long botStaffId;

    public void setBotStaffId(long botStaffId) {
        this.botStaffId = botStaffId;
    }

    /** A form-encoded post, as the HTTP server decoded it (Omnidesk's operator replies come this way). */
    public ChatEvent readForm(Map<String, Object> form) {
        if (CASE_CLOSED.equals(String.valueOf(form.get("type")))) {
            long caseId = OperatorReplyParser.number(String.valueOf(form.get("object[case_id]")));
            if (caseId <= 0) {
                throw new BadWebhookException(OperatorReplyParser.INVALID_REPLY, "A case_closed webhook needs a case_id.");
            }
            return ChatEvent.caseClosed(caseId, chatId(String.valueOf(form.getOrDefault("object[custom_user_id]", ""))));
        }
        return forTheCustomer(replies.parse(form));
    }

    /** A JSON post (the case-closed rule; an operator reply sent as JSON), or a raw form. */
    public ChatEvent read(String body, String contentType) {
        JsonNode closed = caseClosed(body);
        if (closed != null) {
            long caseId = closed.path("case_id").asLong(0);
            if (caseId <= 0) {
                throw new BadWebhookException(OperatorReplyParser.INVALID_REPLY, "A case_closed webhook needs a case_id.");
            }
            return ChatEvent.caseClosed(caseId, chatId(closed.path("custom_user_id").asText("")));
        }
        return forTheCustomer(replies.parse(body, contentType));
    }

    private ChatEvent forTheCustomer(OperatorReply reply) {
        return reply.forTheCustomer(botStaffId) ? ChatEvent.operatorReply(reply, chatId(reply.customUserId())) : null;
    }


    /** The case-closed rule's object, or null for anything else. */
    private static JsonNode caseClosed(String body) {
        String stripped = body == null ? "" : body.strip();
        if (!stripped.startsWith("{") || !stripped.contains(CASE_CLOSED)) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(stripped);
            return CASE_CLOSED.equals(root.path("type").asText()) ? root.path("object") : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The channel's user id is the Telegram chat id; an empty or unsubstituted one is looked up by case later. */
    private static long chatId(String customUserId) {
        String id = customUserId == null ? "" : customUserId.strip();
        return id.matches("-?\\d{1,18}") ? Long.parseLong(id) : 0;
    }
}
