package dev.omnibridge.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.omnidesk.CaseMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialog's steps, one per route step: open a turn on a burst, learn the owner from the case's labels, decide from
 * the case's messages (or the texts) who wrote what and so the {@link Verdict}, and record what was sent. Each takes
 * the {@link CaseTurn} and what Omnidesk answered, and returns what the route branches on.
 */
public class DialogSteps {

    private static final Logger LOG = LoggerFactory.getLogger(DialogSteps.class);

    private DialogStore store;
    private boolean ownerFromLabels = true;
    private long duplicateWindowMillis = 5_000;
    private long botLabelId;
    private long botStaffId;
    private AuthorCheck authorCheck = new AuthorCheck(0);
    private boolean takeoverRemovesLabel = true;
    private int authorCheckReads = 3;
    private boolean authorFromMessages = true;

    public void setStore(DialogStore store) {
        this.store = store;
    }

    /** "labels" (read the case once on a cache miss) or "bot" (trust the label-gated rule). */
    public void setOwnerOnMiss(String mode) {
        if (!"labels".equals(mode) && !"bot".equals(mode)) {
            throw new IllegalArgumentException("dialog.owner-on-miss must be 'labels' or 'bot', not '" + mode + "'");
        }
        this.ownerFromLabels = "labels".equals(mode);
    }

    public void setDuplicateWindowSeconds(long seconds) {
        this.duplicateWindowMillis = seconds * 1000;
    }

    public void setBotLabelId(long botLabelId) {
        this.botLabelId = botLabelId;
    }

    public void setBotStaffId(long botStaffId) {
        this.botStaffId = botStaffId;
        this.authorCheck = new AuthorCheck(botStaffId);
    }

    public void setTakeoverRemovesLabel(boolean takeoverRemovesLabel) {
        this.takeoverRemovesLabel = takeoverRemovesLabel;
    }

    /** "messages" (learn each message's author from the case) or "none" (trust the rule: customer messages only). */
    public void setAuthorCheck(String mode) {
        if (!"messages".equals(mode) && !"none".equals(mode)) {
            throw new IllegalArgumentException("webhook.author-check must be 'messages' or 'none', not '" + mode + "'");
        }
        this.authorFromMessages = "messages".equals(mode);
    }

    /**
     * True when every webhook of the burst carries a text the bridge itself sent to this case lately, in a case the
     * bot has and knows: that is its own echo (the rule firing on its reply, or a label edit re-firing with it), and
     * no read is needed to tell. Never for an operator's case: a hand-back may come with the bot's last words.
     */
    public boolean isOwnEcho(CaseTurn turn) {
        DialogState dialog = turn.getDialog();
        boolean echo = dialog != null && dialog.getOwner() == Owner.BOT && !dialog.isResuming()
                && dialog.getHandledUpTo() >= 0
                && turn.getBurst().events().stream().allMatch(e -> dialog.isEcho(e.text()));
        if (echo) {
            turn.setVerdict(Verdict.ECHO);
        }
        return echo;
    }

    /** True when the turn reads the case's messages: always with author-check=messages, and after a restart. */
    public boolean readsMessages(boolean recovered) {
        return authorFromMessages || recovered;
    }

    /** Reads of the case's messages per burst, the first included, while a webhook's message is not there yet. */
    public void setAuthorCheckReads(int reads) {
        if (reads < 1) {
            throw new IllegalArgumentException("webhook.author-check-reads must be at least 1");
        }
        this.authorCheckReads = reads;
    }

    /**
     * Starts a turn on a burst: finds the case's state and whether the case's labels must be read first (a case new
     * to this process, or one an operator has).
     */
    public CaseTurn open(Burst burst) {
        DialogState dialog = store.find(burst.caseId()).orElse(null);
        boolean check;
        if (dialog == null) {
            check = ownerFromLabels || burst.recovered();
            if (!check) {
                dialog = new DialogState(burst.caseId(), Owner.BOT, System.currentTimeMillis());
            }
        } else {
            check = dialog.getOwner() == Owner.OPERATOR;
        }
        return new CaseTurn(burst, dialog, check);
    }

    /**
     * Learns the owner from the case as {@code GET /api/cases/{id}.json} returned it (null when that failed: then a
     * new dialog is assumed to be the bot's, since the rule only fires for cases with the bot label). An operator's
     * case goes back to the bot when the bot label is there again after the bridge saw it gone.
     */
    public void applyCaseLabels(CaseTurn turn, JsonNode caseRead) {
        JsonNode labels = caseRead == null ? null : caseRead.path("case").path("labels");
        boolean known = labels != null && labels.isArray();
        boolean hasBotLabel = known && containsId(labels, botLabelId);
        long now = System.currentTimeMillis();
        DialogState dialog = turn.getDialog();
        long caseId = turn.getCaseId();
        if (dialog == null) {
            Owner owner = !known || hasBotLabel ? Owner.BOT : Owner.OPERATOR;
            if (!known) {
                LOG.warn("Could not read the labels of case {}; assuming the bot owns it", caseId);
            }
            dialog = new DialogState(caseId, owner, now);
            dialog.setBotLabelOffSeen(!hasBotLabel);
            turn.setDialog(dialog);
        } else if (!known) {
            LOG.warn("Could not read the labels of case {}; it stays with {}", caseId, dialog.getOwner());
        } else if (dialog.getOwner() == Owner.OPERATOR && hasBotLabel && dialog.isBotLabelOffSeen()) {
            LOG.info("Case {} has the bot label again: the bot resumes", caseId);
            dialog.returnToBot(now);
        } else {
            dialog.setOwnerCheckedAt(now);
            if (!hasBotLabel) {
                dialog.setBotLabelOffSeen(true);
            }
        }
    }

    /** The author check's loop: read the case again while a webhook's message is not among its messages yet. */
    public boolean readAgain(JsonNode messages, Burst burst, Integer loopIndex) {
        int readsDone = loopIndex == null ? 1 : loopIndex + 2;
        if (messages == null || readsDone >= authorCheckReads) {
            return false;
        }
        return !authorCheck.allFound(burst.events(), CaseMessage.listOf(messages));
    }

    /**
     * Decides what to do with the burst from the case's latest messages (null when they could not be read) and
     * records it in the dialog. For a bot turn, the turn's message becomes the customer's new messages, oldest first,
     * joined by line breaks.
     */
    public Verdict triageByMessages(CaseTurn turn, JsonNode messages) {
        DialogState dialog = turn.getDialog();
        Burst burst = turn.getBurst();
        Verdict verdict;
        if (messages == null || messages.isNull()) {
            verdict = Verdict.UNREAD;
        } else {
            AuthorCheck.Reading reading = authorCheck.read(dialog, burst.events(), CaseMessage.listOf(messages));
            if (reading.botSpoke()) {
                dialog.setNewDialog(false);
            }
            switch (reading.verdict()) {
                case BOT -> answer(turn, reading.toAnswer());
                case TAKEOVER -> {
                    LOG.info("Case {}: an operator wrote in the bot's case; the bot steps back", burst.caseId());
                    dialog.takenOver(System.currentTimeMillis(), takeoverRemovesLabel);
                }
                default -> { }
            }
            dialog.handledUpTo(reading.handledUpTo());
            verdict = reading.verdict();
        }
        turn.setVerdict(verdict);
        return verdict;
    }

    private static void answer(CaseTurn turn, List<CaseMessage> customers) {
        Burst burst = turn.getBurst();
        List<String> texts = new ArrayList<>();
        for (CaseMessage m : customers) {
            texts.add(m.text());
            turn.getDialog().accept(m.text(), burst.first().receivedAt());
            turn.getDialog().addCustomerLine(m.text(), burst.first().receivedAt());
        }
        turn.setAnsweringMessageId(customers.get(customers.size() - 1).messageId());
        turn.setMessage(joined(burst, texts));
    }

    /**
     * {@code webhook.author-check=none}: trusts the rule that every webhook is a customer message and tells the
     * bridge's own messages and duplicates apart by their text.
     */
    public Verdict triageByText(CaseTurn turn) {
        DialogState dialog = turn.getDialog();
        Burst burst = turn.getBurst();
        List<String> texts = new ArrayList<>();
        Verdict dropped = Verdict.ECHO;
        for (WebhookEvent event : burst.events()) {
            if (dialog.isEcho(event.text())) {
                continue;
            }
            if (dialog.isDuplicate(event.text(), event.receivedAt(), duplicateWindowMillis)) {
                dropped = Verdict.DUPLICATE;
                continue;
            }
            dialog.accept(event.text(), event.receivedAt());
            dialog.addCustomerLine(event.text(), event.receivedAt());
            texts.add(event.text());
        }
        Verdict verdict;
        if (texts.isEmpty()) {
            verdict = dropped;
        } else if (dialog.getOwner() == Owner.OPERATOR) {
            verdict = Verdict.OPERATOR;
        } else {
            verdict = Verdict.BOT;
            turn.setMessage(joined(burst, texts));
        }
        turn.setVerdict(verdict);
        return verdict;
    }

    /** One event for the bot: the texts in order, the visitor of the newest webhook, the time of the first. */
    private static WebhookEvent joined(Burst burst, List<String> texts) {
        WebhookEvent last = burst.last();
        return new WebhookEvent(burst.caseId(), last.event(), last.kind(), String.join("\n", texts), last.visitor(),
                burst.first().receivedAt());
    }

    /** After a handoff: true when the case read back still carries the bot label (the handoff did not take). */
    public boolean handoffMissed(long caseId, JsonNode caseRead) {
        JsonNode labels = caseRead == null ? null : caseRead.path("case").path("labels");
        boolean missed = labels != null && labels.isArray() && containsId(labels, botLabelId);
        if (missed) {
            LOG.error("Case {}: the handoff did not take - the case still has the bot label", caseId);
        }
        return missed;
    }

    /** True when the bridge takes the bot label off a case an operator took over (dialog.takeover-removes-bot-label). */
    public boolean removeLabelOnTakeover() {
        return takeoverRemovesLabel;
    }

    /**
     * Called just before the bridge sends a reply to the customer, so that its echo is recognised even when the call
     * times out after Omnidesk took it.
     */
    public void recordReply(DialogState dialog, String text) {
        dialog.recordSent(text, System.currentTimeMillis(), true);
    }

    /** Like {@link #recordReply} for an internal note: echoes are recognised, the transcript is unchanged. */
    public void recordNote(DialogState dialog, String text) {
        dialog.recordSent(text, System.currentTimeMillis(), false);
    }

    public void handOver(DialogState dialog) {
        dialog.handOverToOperator(System.currentTimeMillis());
    }

    /** Keeps the case's state for its next turn. */
    public void save(CaseTurn turn) {
        DialogState dialog = turn.getDialog();
        if (dialog != null) {
            if (turn.getVerdict() == Verdict.BOT) {
                dialog.setNewDialog(false);
            }
            store.save(dialog);
        }
    }

    private static boolean containsId(JsonNode array, long id) {
        for (JsonNode item : array) {
            if (item.asLong(-1) == id) {
                return true;
            }
        }
        return false;
    }
}
