package dev.omnibridge.webhook;

import java.util.List;

/**
 * What Omnidesk posts to a custom channel's URL when a staff member writes in one of its cases (Variant 2: the reply
 * goes back to the customer's Telegram chat).
 *
 * @param messageId    Omnidesk's message id: the key that makes relaying it idempotent
 * @param customUserId the channel's own user id (the Telegram chat id)
 * @param content      the message as Omnidesk sends it (may be HTML)
 * @param attachments  download URLs of attached files
 */
public record OperatorReply(long messageId, long caseId, long staffId, long userId, String customUserId,
        String content, boolean note, boolean sentViaRule, List<String> attachments) {

    public OperatorReply {
        customUserId = customUserId == null ? "" : customUserId;
        content = content == null ? "" : content;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * True when the customer should get it: a staff member's reply, not an internal note, not a rule's automatic
     * message, and not the bridge's own message (the bot's staff id).
     */
    public boolean forTheCustomer(long botStaffId) {
        return !note && !sentViaRule && staffId > 0 && staffId != botStaffId
                && (!content.isBlank() || !attachments.isEmpty());
    }
}
