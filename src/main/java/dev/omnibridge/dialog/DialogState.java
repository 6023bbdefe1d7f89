package dev.omnibridge.dialog;

import dev.omnibridge.omnidesk.Fingerprint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Everything the bridge remembers about one Omnidesk case. Bounded: the transcript and the fingerprints of the
 * bridge's own messages keep only the latest entries. A plain bean so that it can be serialised as JSON.
 */
public class DialogState {

    /** Where the bot keeps the buttons it last offered (bot.ButtonMenu); forgotten when the case changes hands. */
    public static final String MENU_MEMORY = "bot.menu";

    public static final int MAX_TRANSCRIPT = 50;
    public static final int MAX_SENT_FINGERPRINTS = 30;

    private long caseId;
    private Owner owner = Owner.BOT;
    private boolean newDialog;
    private final Deque<TranscriptLine> transcript = new ArrayDeque<>();
    private int misunderstood;
    private int customerMessages;
    private Map<String, String> memory = new HashMap<>();
    private LinkedHashSet<String> sentFingerprints = new LinkedHashSet<>();
    private String lastAcceptedFingerprint;
    private long lastAcceptedAt;
    private long lastSentAt;
    private long ownerCheckedAt;
    private long handedOffAt;
    private long handledUpTo = -1;
    private boolean resuming;
    private boolean botLabelOffSeen;

    public DialogState() {}

    public DialogState(long caseId, Owner owner, long now) {
        this.caseId = caseId;
        this.owner = owner;
        this.newDialog = true;
        this.ownerCheckedAt = now;
    }

    /** True when the text is one the bridge itself sent to this case (the updated-case rule echoes it back). */
    public boolean isEcho(String text) {
        return sentFingerprints.contains(Fingerprint.of(text));
    }

    /**
     * A repeated identical text is a duplicate when the bridge sent nothing to the case between the moment the earlier
     * copy arrived and the moment this one arrived (otherwise the customer really wrote it again).
     *
     * <p>One exception: a new case fires both the new-case and the updated-case rule with the same first message, and
     * the second webhook may arrive after the greeting went out. A repeat of the dialog's first message within
     * {@code windowMillis} is therefore a duplicate too.
     */
    public boolean isDuplicate(String text, long receivedAt, long windowMillis) {
        if (lastAcceptedFingerprint == null || !lastAcceptedFingerprint.equals(Fingerprint.of(text))) {
            return false;
        }
        boolean sentInBetween = lastSentAt >= lastAcceptedAt && lastSentAt < receivedAt;
        boolean lateTwinOfFirstMessage = customerMessages == 1 && receivedAt - lastAcceptedAt < windowMillis;
        return !sentInBetween || lateTwinOfFirstMessage;
    }

    /** Remembers a customer message as seen (whoever answers it), for duplicate detection. */
    public void accept(String text, long receivedAt) {
        lastAcceptedFingerprint = Fingerprint.of(text);
        lastAcceptedAt = receivedAt;
    }

    public void addCustomerLine(String text, long at) {
        customerMessages++;
        addLine(new TranscriptLine(TranscriptLine.CUSTOMER, text, at));
    }

    /** Records a message or note the bridge delivered to the case, so that its echo is recognised. */
    public void recordSent(String text, long at, boolean visibleToCustomer) {
        sentFingerprints.remove(Fingerprint.of(text));
        sentFingerprints.add(Fingerprint.of(text));
        while (sentFingerprints.size() > MAX_SENT_FINGERPRINTS) {
            sentFingerprints.remove(sentFingerprints.iterator().next());
        }
        lastSentAt = Math.max(lastSentAt, at);
        if (visibleToCustomer) {
            addLine(new TranscriptLine(TranscriptLine.BOT, text, at));
        }
    }

    private void addLine(TranscriptLine line) {
        transcript.addLast(line);
        while (transcript.size() > MAX_TRANSCRIPT) {
            transcript.removeFirst();
        }
    }

    /** The bot handed the case over (and took its label off). */
    public void handOverToOperator(long at) {
        takenOver(at, true);
    }

    /** A person wrote in the bot's case; {@code labelRemoved}: the bridge takes the bot label off. */
    public void takenOver(long at, boolean labelRemoved) {
        owner = Owner.OPERATOR;
        handedOffAt = at;
        ownerCheckedAt = at;
        misunderstood = 0;
        botLabelOffSeen = labelRemoved;
        // The choices the bot offered are over: after a hand-back, "2" is an answer to the operator, not a button.
        memory.remove(MENU_MEMORY);
    }

    /** The bot label is back: the bot answers again, from the message the hand-back webhook carried on. */
    public void returnToBot(long at) {
        memory.remove(MENU_MEMORY);
        owner = Owner.BOT;
        ownerCheckedAt = at;
        misunderstood = 0;
        resuming = true;
        botLabelOffSeen = false;
    }

    /** The messages up to {@code messageId} are dealt with; the hand-back, if any, is settled. */
    public void handledUpTo(long messageId) {
        handledUpTo = Math.max(handledUpTo, messageId);
        resuming = false;
    }

    public long getCaseId() {
        return caseId;
    }

    public void setCaseId(long caseId) {
        this.caseId = caseId;
    }

    public Owner getOwner() {
        return owner;
    }

    public void setOwner(Owner owner) {
        this.owner = owner;
    }

    /** True until the first turn of this dialog has been handled. */
    public boolean isNewDialog() {
        return newDialog;
    }

    public void setNewDialog(boolean newDialog) {
        this.newDialog = newDialog;
    }

    public List<TranscriptLine> getTranscript() {
        return new ArrayList<>(transcript);
    }

    public void setTranscript(List<TranscriptLine> lines) {
        transcript.clear();
        lines.forEach(this::addLine);
    }

    /** Customer messages the bridge accepted in this dialog (for the first-message duplicate rule). */
    public int getCustomerMessages() {
        return customerMessages;
    }

    public void setCustomerMessages(int customerMessages) {
        this.customerMessages = customerMessages;
    }

    public int getMisunderstood() {
        return misunderstood;
    }

    public void setMisunderstood(int misunderstood) {
        this.misunderstood = misunderstood;
    }

    /** Free-form scenario memory a bot may use between turns (small strings only). */
    public Map<String, String> getMemory() {
        return memory;
    }

    public void setMemory(Map<String, String> memory) {
        this.memory = memory == null ? new HashMap<>() : new HashMap<>(memory);
    }

    public List<String> getSentFingerprints() {
        return new ArrayList<>(sentFingerprints);
    }

    public void setSentFingerprints(List<String> fingerprints) {
        this.sentFingerprints = new LinkedHashSet<>(fingerprints);
    }

    public String getLastAcceptedFingerprint() {
        return lastAcceptedFingerprint;
    }

    public void setLastAcceptedFingerprint(String lastAcceptedFingerprint) {
        this.lastAcceptedFingerprint = lastAcceptedFingerprint;
    }

    public long getLastAcceptedAt() {
        return lastAcceptedAt;
    }

    public void setLastAcceptedAt(long lastAcceptedAt) {
        this.lastAcceptedAt = lastAcceptedAt;
    }

    public long getLastSentAt() {
        return lastSentAt;
    }

    public void setLastSentAt(long lastSentAt) {
        this.lastSentAt = lastSentAt;
    }

    public long getOwnerCheckedAt() {
        return ownerCheckedAt;
    }

    public void setOwnerCheckedAt(long ownerCheckedAt) {
        this.ownerCheckedAt = ownerCheckedAt;
    }

    /** Every message of the case up to this id has been dealt with; -1: not known yet (read it from the case). */
    public long getHandledUpTo() {
        return handledUpTo;
    }

    public void setHandledUpTo(long handledUpTo) {
        this.handledUpTo = handledUpTo;
    }

    /** The bot label came back; the next reading of the case sets where the bot resumes. */
    public boolean isResuming() {
        return resuming;
    }

    public void setResuming(boolean resuming) {
        this.resuming = resuming;
    }

    /** The bridge has seen the case without the bot label since the bot let go (so the label coming back is news). */
    public boolean isBotLabelOffSeen() {
        return botLabelOffSeen;
    }

    public void setBotLabelOffSeen(boolean botLabelOffSeen) {
        this.botLabelOffSeen = botLabelOffSeen;
    }

    public long getHandedOffAt() {
        return handedOffAt;
    }

    public void setHandedOffAt(long handedOffAt) {
        this.handedOffAt = handedOffAt;
    }
}
