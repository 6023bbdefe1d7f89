package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.RouteCaller;
import dev.omnibridge.dialog.DialogSteps;
import dev.omnibridge.dialog.Fingerprint;
import dev.omnibridge.dialog.WebhookEvent;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a reply or note is sent again after an attempt whose outcome is unknown (a timeout, a reset, a 5xx, or a
 * webhook handled again after a crash), looks at the case's latest messages: if it is already there, it is not sent
 * twice. Only messages after the customer message being answered count, so an identical answer to an earlier
 * question does not hide this one.
 */
public class DeliveryCheck extends RouteCaller {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryCheck.class);

    private long botStaffId;
    private long writeDeadlineMillis = 120_000;

    public void setBotStaffId(long botStaffId) {
        this.botStaffId = botStaffId;
    }

    /**
     * A write whose answer was lost is not sent again until the case shows it or this long has passed since it was
     * first sent (Omnidesk may store a slow write after the bridge stopped waiting for the answer).
     */
    public void setWriteDeadlineSeconds(long seconds) {
        this.writeDeadlineMillis = seconds * 1000;
    }

    /** True when the reply or note on the exchange is in doubt and the case already holds it. */
    public boolean alreadyDelivered(Exchange exchange) {
        boolean inDoubt = exchange.getProperty(OmnideskFailures.IN_DOUBT, false, Boolean.class)
                || exchange.getProperty(DialogSteps.RECOVERED, false, Boolean.class);
        String operation = exchange.getProperty(OmnideskRequests.OPERATION, "", String.class);
        String text = exchange.getProperty(OmnideskRequests.TEXT, String.class);
        if (!inDoubt || text == null || !("reply".equals(operation) || "note".equals(operation))) {
            return false;
        }
        long caseId = OmnideskRequests.caseId(exchange);
        JsonNode response = producer().send("direct:omnidesk-list-messages",
                ex -> ex.setProperty(OmnideskRequests.CASE_ID, caseId)).getMessage().getBody(JsonNode.class);
        WebhookEvent event = exchange.getProperty(DialogSteps.EVENT, WebhookEvent.class);
        long answering = exchange.getProperty(DialogSteps.ANSWERING, 0L, Long.class);
        boolean delivered = contains(KeyedList.items(response, "message"), "note".equals(operation), text,
                answering > 0 || event == null ? null : event.text(), answering);
        if (delivered) {
            LOG.info("Case {}: the {} was already delivered; not sending it again", caseId, operation);
            return true;
        }
        long firstSentAt = exchange.getProperty(OmnideskRequests.FIRST_SENT_AT, 0L, Long.class);
        if (exchange.getProperty(OmnideskFailures.ANSWER_LOST, false, Boolean.class)
                && System.currentTimeMillis() - firstSentAt < writeDeadlineMillis) {
            throw new WriteInDoubtException(operation, caseId);
        }
        return false;
    }

    /**
     * @param newestFirst the case's latest messages, newest first
     * @param answering   the customer text being answered (null: look at every message)
     * @param afterId     only messages after this id count (the customer message being answered; 0: any)
     */
    boolean contains(List<JsonNode> newestFirst, boolean note, String text, String answering, long afterId) {
        int end = newestFirst.size();
        for (int i = 0; i < newestFirst.size() && afterId > 0; i++) {
            if (newestFirst.get(i).path("message_id").asLong() <= afterId) {
                end = i;
                break;
            }
        }
        if (answering != null) {
            String asked = Fingerprint.of(answering);
            for (int i = 0; i < newestFirst.size(); i++) {
                JsonNode m = newestFirst.get(i);
                if (m.path("user_id").asLong() > 0 && asked.equals(Fingerprint.of(content(m)))) {
                    end = i;
                    break;
                }
            }
        }
        for (int i = 0; i < end; i++) {
            JsonNode m = newestFirst.get(i);
            if (note && m.path("note").asBoolean(false) && firstLine(content(m)).equals(firstLine(text))) {
                return true;
            }
            if (!note && !m.path("note").asBoolean(false) && m.path("staff_id").asLong() == botStaffId
                    && Fingerprint.of(content(m)).equals(Fingerprint.of(text))) {
                return true;
            }
        }
        return false;
    }

    /** Omnidesk may leave {@code content} empty and keep the text in {@code content_html}. */
    private static String content(JsonNode message) {
        String content = message.path("content").asText("");
        return content.isBlank() ? HtmlText.toText(message.path("content_html").asText("")) : content;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int end = stripped.indexOf('\n');
        return end < 0 ? stripped : stripped.substring(0, end).strip();
    }
}
