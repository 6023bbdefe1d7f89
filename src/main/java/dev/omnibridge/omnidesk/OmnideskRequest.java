package dev.omnibridge.omnidesk;

import java.util.List;
import org.apache.camel.component.http.HttpMethods;

/**
 * One Omnidesk API call as prepared by {@link OmnideskRequests}: kept in the exchange property
 * {@value OmnideskRequests#PROPERTY} so that every attempt (and a dead-letter replay) sends exactly the same thing,
 * whatever an earlier attempt left in the message.
 *
 * @param operation      names the call for metrics, the budget's priorities and dead letters ({@code reply}, …)
 * @param caseId         the case it is about; 0 for a knowledge-base search
 * @param body           the JSON body, or null for a GET
 * @param text           a reply's or note's text, for the in-doubt check; null otherwise
 * @param afterMessageId the in-doubt check looks only at messages after this one (the customer message answered)
 * @param afterText      ...or after the customer message with this text, when its id is unknown (author-check=none)
 * @param firstSentAt    when it was prepared: the write deadline of an in-doubt write counts from it (0: long ago)
 * @param files          files (paths under the data directory) sent with the message: the call is then multipart,
 *                       the JSON body's {@code message} fields as {@code message[...]} form fields
 */
public record OmnideskRequest(String operation, long caseId, String method, String path, String query, String body,
        String text, long afterMessageId, String afterText, long firstSentAt, List<String> files) {

    public OmnideskRequest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** The enum, not its name: the HTTP producer would convert a String on every call (a scan of type converters). */
    public HttpMethods httpMethod() {
        return HttpMethods.valueOf(method);
    }

    /** True for a reply, a note or a customer's message: a write the in-doubt check can find in the case. */
    public boolean isMessage() {
        return text != null && ("reply".equals(operation) || isNote() || isCustomerMessage());
    }

    /** An internal note: the bridge's handoff note, or a mirrored bot turn (Variant 2). */
    public boolean isNote() {
        return "note".equals(operation) || "mirror-note".equals(operation);
    }

    /** The customer's own message, relayed from Telegram or mirrored (Variant 2). */
    public boolean isCustomerMessage() {
        return "customer-message".equals(operation) || "mirror-message".equals(operation);
    }
}
