package dev.omnibridge.dialog;

import dev.omnibridge.dialog.WebhookEvent;
import dev.omnibridge.omnidesk.CaseMessage;
import dev.omnibridge.omnidesk.HtmlText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who wrote what: matches a burst of rule webhooks to the case's stored messages and decides, by message id, what the
 * bot must answer. The rule's body cannot tell (its {@code "kind": "visitor"} is hard-coded and {@code [last_message]}
 * is whatever the last message is); the case's messages can.
 *
 * <p>The dialog remembers {@link DialogState#getHandledUpTo() handledUpTo}: every message up to that id has been dealt
 * with. Only customer messages above it are answered, each once, however many webhooks carry them.
 * <ul>
 * <li>The bot's own messages (replies, notes; sent live, after a crash or by a dead-letter replay) are never answered:
 * they carry the bot's staff id.</li>
 * <li>A reply by any other staff member in a bot case is a takeover (messages sent by Omnidesk rules are not).</li>
 * <li>After a hand-back, everything up to the message the hand-back's webhook carried, and every message that is not
 * the customer's, was written before it.</li>
 * <li>A case the bridge has no memory of (new, or after a restart) starts after the bot's last reply; when a person
 * spoke last, after the newest message.</li>
 * </ul>
 */
public class AuthorCheck {

    /**
     * @param toAnswer    customer messages to answer, oldest first (empty unless {@link Verdict#BOT})
     * @param handledUpTo the dialog's new watermark
     * @param botSpoke    the read shows an earlier message of the bot (so the dialog is not new)
     */
    public record Reading(Verdict verdict, List<CaseMessage> toAnswer, long handledUpTo, boolean botSpoke) {}

    /** Chat attachments appear in {@code [last_message]} as download links. */
    private static final Pattern ATTACHMENT_LINK = Pattern.compile("\\S*attachment/download\\S*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final long botStaffId;

    public AuthorCheck(long botStaffId) {
        this.botStaffId = botStaffId;
    }

    /** True when every webhook of the burst is matched to a stored message (else the read may have raced them). */
    public boolean allFound(List<WebhookEvent> events, List<CaseMessage> messages) {
        return events.stream().allMatch(e -> match(e.text(), messages) != null);
    }

    /**
     * @param messages the case's latest messages, in any order
     */
    public Reading read(DialogState dialog, List<WebhookEvent> events, List<CaseMessage> messages) {
        List<CaseMessage> oldestFirst = new ArrayList<>(messages);
        oldestFirst.sort(Comparator.comparingLong(CaseMessage::messageId));
        long newest = oldestFirst.isEmpty() ? 0 : oldestFirst.get(oldestFirst.size() - 1).messageId();
        boolean botSpoke = oldestFirst.stream().anyMatch(m -> m.fromStaff() && m.staffId() == botStaffId);
        long boundary = dialog.getHandledUpTo();
        if (dialog.isResuming()) {
            boundary = Math.max(boundary, handBackBoundary(events.get(0), oldestFirst, newest));
        } else if (boundary < 0) {
            boundary = startOfUnknownDialog(oldestFirst, newest);
        }
        long upTo = Math.max(boundary, newest);
        List<CaseMessage> fresh = new ArrayList<>();
        for (CaseMessage m : oldestFirst) {
            if (m.messageId() > boundary) {
                fresh.add(m);
            }
        }
        boolean personSpoke = fresh.stream().anyMatch(this::writtenByPerson);
        List<CaseMessage> customers = fresh.stream().filter(CaseMessage::fromCustomer).toList();
        if (dialog.getOwner() == Owner.BOT && personSpoke) {
            return new Reading(Verdict.TAKEOVER, List.of(), upTo, botSpoke);
        }
        if (!customers.isEmpty()) {
            return new Reading(dialog.getOwner() == Owner.BOT ? Verdict.BOT : Verdict.OPERATOR,
                    dialog.getOwner() == Owner.BOT ? customers : List.of(), upTo, botSpoke);
        }
        return new Reading(nothingNew(events, oldestFirst, dialog.isResuming()), List.of(), upTo, botSpoke);
    }

    /**
     * Where the bot takes the case back: after the message the first webhook of the burst carried (the last message
     * when the label came back, or an older one still on its way), and after every message that is not the
     * customer's (the operator's last words, notes). What the customer wrote after that is answered: it was written
     * after the hand-back, or, at worst, after the operator's last words.
     */
    private long handBackBoundary(WebhookEvent first, List<CaseMessage> oldestFirst, long newest) {
        CaseMessage carried = match(first.text(), oldestFirst);
        long boundary = carried != null ? carried.messageId() : newest;
        for (CaseMessage m : oldestFirst) {
            if (!m.fromCustomer()) {
                boundary = Math.max(boundary, m.messageId());
            }
        }
        return boundary;
    }

    /** No memory of the case: the bot's last reply is where it left off; if a person spoke last, nothing is open. */
    private long startOfUnknownDialog(List<CaseMessage> oldestFirst, long newest) {
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            CaseMessage m = oldestFirst.get(i);
            if (m.fromStaff() && !m.sentViaRule()) {
                return m.staffId() == botStaffId ? m.messageId() : newest;
            }
        }
        return 0;
    }

    /**
     * Why a burst with no new customer message is dropped, for the metrics; {@code handBack}: a customer message it
     * carries was written to the operator, before the hand-back.
     */
    private Verdict nothingNew(List<WebhookEvent> events, List<CaseMessage> messages, boolean handBack) {
        Verdict verdict = Verdict.ECHO;
        for (WebhookEvent event : events) {
            CaseMessage m = match(event.text(), messages);
            if (m == null) {
                return Verdict.UNVERIFIED;
            }
            if (m.fromCustomer()) {
                verdict = handBack ? Verdict.OPERATOR : Verdict.DUPLICATE;
            } else if (m.staffId() != botStaffId && verdict == Verdict.ECHO) {
                verdict = Verdict.OPERATOR; // an operator's note or message, or a rule's
            }
        }
        return verdict;
    }

    private boolean writtenByPerson(CaseMessage m) {
        return m.fromStaff() && m.staffId() != botStaffId && !m.sentViaRule();
    }

    /**
     * The newest stored message the webhook's text stands for: the same text once HTML is stripped and whitespace
     * folded, or, for a message with files, the same text once the download links are taken out.
     */
    CaseMessage match(String webhookText, List<CaseMessage> messages) {
        String plain = normalize(webhookText);
        String asHtml = normalize(HtmlText.toText(webhookText));
        String withoutLinks = normalize(ATTACHMENT_LINK.matcher(webhookText).replaceAll(" "));
        CaseMessage found = null;
        for (CaseMessage m : messages) {
            String text = normalize(m.text());
            boolean same = text.equals(plain) || text.equals(asHtml)
                    || m.attachments() && text.equals(withoutLinks);
            if (same && (found == null || m.messageId() > found.messageId())) {
                found = m;
            }
        }
        return found;
    }

    static String normalize(String text) {
        return text == null ? "" : SPACES.matcher(text.strip()).replaceAll(" ");
    }
}
