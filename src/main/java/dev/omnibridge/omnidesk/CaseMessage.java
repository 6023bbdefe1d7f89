package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One message or note of a case as {@code GET /api/cases/{id}/messages.json} lists it: who wrote it and what it says.
 * A customer's message has {@code userId > 0} and {@code staffId == 0}; a staff reply or note the reverse.
 *
 * @param text        {@code content}, or {@code content_html} reduced to text when content is empty
 * @param attachments true when the message carries files (its text may then be empty)
 */
public record CaseMessage(long messageId, long userId, long staffId, boolean note, boolean sentViaRule, String text,
        boolean attachments) {

    public CaseMessage {
        text = text == null ? "" : text;
    }

    /** Written by the customer: not a note, no staff member. */
    public boolean fromCustomer() {
        return !note && staffId == 0;
    }

    /** A reply (not a note) written by a staff member. */
    public boolean fromStaff() {
        return !note && staffId > 0;
    }

    public static CaseMessage of(JsonNode message) {
        String content = message.path("content").asText("");
        if (content.isBlank()) {
            content = HtmlText.toText(message.path("content_html").asText(""));
        }
        JsonNode files = message.path("attachments");
        boolean attachments = (files.isArray() || files.isObject()) && !files.isEmpty();
        return new CaseMessage(message.path("message_id").asLong(), message.path("user_id").asLong(),
                message.path("staff_id").asLong(), message.path("note").asBoolean(false),
                message.path("sent_via_rule").asBoolean(false), content, attachments);
    }

    /** The messages of a {@code messages.json} answer (a keyed-object list), in the order Omnidesk gave them. */
    public static List<CaseMessage> listOf(JsonNode answer) {
        List<CaseMessage> messages = new ArrayList<>();
        for (JsonNode item : KeyedListReader.items(answer, "message")) {
            messages.add(of(item));
        }
        return messages;
    }
}
