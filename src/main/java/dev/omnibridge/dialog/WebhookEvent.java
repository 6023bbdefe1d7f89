package dev.omnibridge.dialog;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One accepted rule webhook: a customer message in an Omnidesk case.
 *
 * @param caseId     Omnidesk case id (the template's {@code chat_id})
 * @param event      the template's {@code event}, normally {@code new_message}
 * @param kind       the template's {@code message.kind}, normally {@code visitor}
 * @param text       the customer's text exactly as received (may be empty)
 * @param visitor    visitor fields from the template
 * @param receivedAt epoch millis when the webhook was accepted; orders events against the bridge's own sends
 */
public record WebhookEvent(long caseId, String event, String kind, String text, Visitor visitor, long receivedAt) {

    public WebhookEvent {
        event = event == null ? "" : event;
        kind = kind == null ? "" : kind;
        text = text == null ? "" : text;
        visitor = visitor == null ? Visitor.UNKNOWN : visitor;
    }

    /** Only visitor messages reach the bot; anything else is acknowledged and ignored. */
    @JsonIgnore
    public boolean isVisitorMessage() {
        return "new_message".equals(event) && ("visitor".equals(kind) || kind.isEmpty());
    }

    public WebhookEvent withReceivedAt(long millis) {
        return new WebhookEvent(caseId, event, kind, text, visitor, millis);
    }
}
