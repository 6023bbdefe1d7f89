package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-doubt check. Before a reply or note is sent again after an attempt whose outcome is unknown (a timeout, a
 * reset, a 5xx, or a webhook handled again after a crash), the {@code omnidesk-write} route reads the case's latest
 * messages and asks here whether it is already there: then it is not sent twice. Only messages after the customer
 * message being answered count, so an identical answer to an earlier question does not hide this one.
 */
public class DeliveryCheck {

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

    /**
     * True when the case must be looked at first: a reply, note or relayed message that an earlier attempt may have
     * delivered, or one sent again after a restart (of a Variant 1 case's turn, or a Telegram chat's).
     */
    public boolean inDoubt(OmnideskRequest request, Boolean attemptInDoubt, Boolean caseRecovered,
            Boolean chatRecovered) {
        return request.isMessage() && (Boolean.TRUE.equals(attemptInDoubt) || Boolean.TRUE.equals(caseRecovered)
                || Boolean.TRUE.equals(chatRecovered));
    }

    /**
     * True when the case's latest messages already hold the reply or note.
     *
     * @param caseMessages the case's latest messages as Omnidesk listed them, newest first
     * @param answerLost   the last attempt's answer was lost (timeout, reset): Omnidesk may still be storing it
     * @throws WriteInDoubtException when it is not there yet, the answer was lost and the write deadline has not
     *                               passed: the write is looked for again after the next retry delay
     */
    public boolean delivered(JsonNode caseMessages, OmnideskRequest request, Boolean answerLost) {
        boolean delivered = request.isCustomerMessage()
                ? containsCustomerMessage(KeyedListReader.items(caseMessages, "message"), request.text(),
                        request.afterMessageId())
                : contains(KeyedListReader.items(caseMessages, "message"), request.isNote(),
                        request.text(), request.afterText(), request.afterMessageId());
        if (delivered) {
            LOG.info("Case {}: the {} was already delivered; not sending it again", request.caseId(),
                    request.operation());
            return true;
        }
        if (Boolean.TRUE.equals(answerLost) && System.currentTimeMillis() - request.firstSentAt() < writeDeadlineMillis) {
            throw new WriteInDoubtException(request.operation(), request.caseId());
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

    /** A relayed customer message: the case shows the customer's text after the last one relayed before it. */
    boolean containsCustomerMessage(List<JsonNode> newestFirst, String text, long afterId) {
        for (JsonNode m : newestFirst) {
            if (m.path("message_id").asLong() <= afterId) {
                return false;
            }
            if (m.path("user_id").asLong() > 0 && !m.path("note").asBoolean(false)
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
