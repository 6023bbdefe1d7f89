package dev.omnibridge.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * Immutable snapshot of a message or internal note in a case.
 * A client message has {@code userId > 0, staffId == 0}; a staff message or note the reverse.
 *
 * @param content     plain text; may be empty when the message was written as HTML only, as in Omnidesk
 * @param contentHtml HTML form of the message
 * @param attachments files sent with it, in the order they were attached
 */
public record SandboxMessage(
        long messageId,
        long caseId,
        long userId,
        long staffId,
        String content,
        String contentHtml,
        boolean note,
        boolean sentViaRule,
        Instant createdAt,
        List<SandboxAttachment> attachments) {

    public SandboxMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public boolean fromCustomer() {
        return !note && staffId == 0;
    }

    /** The text a reader sees: {@code content}, or the HTML reduced to text when content is empty. */
    public String text() {
        return content.isEmpty() ? Html.toText(contentHtml) : content;
    }
}
