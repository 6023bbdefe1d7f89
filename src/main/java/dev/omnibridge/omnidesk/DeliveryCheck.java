package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.RouteCaller;
import dev.omnibridge.dialog.DialogSteps;
import dev.omnibridge.dialog.Fingerprint;
import dev.omnibridge.webhook.WebhookEvent;
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

    public void setBotStaffId(long botStaffId) {
        this.botStaffId = botStaffId;
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
        boolean delivered = contains(KeyedList.items(response, "message"), "note".equals(operation), text,
                event == null ? null : event.text());
        if (delivered) {
            LOG.info("Case {}: the {} was already delivered; not sending it again", caseId, operation);
        }
        return delivered;
    }

    /**
     * @param newestFirst the case's latest messages, newest first
     * @param answering   the customer text being answered (null: look at every message)
     */
    boolean contains(List<JsonNode> newestFirst, boolean note, String text, String answering) {
        int end = newestFirst.size();
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
