package dev.omnibridge.dialog;

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

    public void handOverToOperator(long at) {
        owner = Owner.OPERATOR;
        handedOffAt = at;
        ownerCheckedAt = at;
        misunderstood = 0;
    }

    public void returnToBot(long at) {
        owner = Owner.BOT;
        ownerCheckedAt = at;
        misunderstood = 0;
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

    public long getHandedOffAt() {
        return handedOffAt;
    }

    public void setHandedOffAt(long handedOffAt) {
        this.handedOffAt = handedOffAt;
    }
}
