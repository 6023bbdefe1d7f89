package dev.omnibridge.dialog;

/**
 * One burst of a case being handled, as the dialog steps decide it: the webhooks, the case's state, whether its labels
 * must be read first, the verdict, and the message the bot answers. The routes keep it in the exchange property
 * {@code caseTurn} and hand its parts to the steps.
 */
public final class CaseTurn {

    private final Burst burst;
    private DialogState dialog;
    private final boolean ownerCheck;
    private Verdict verdict;
    private WebhookEvent message;
    private long answeringMessageId;

    CaseTurn(Burst burst, DialogState dialog, boolean ownerCheck) {
        this.burst = burst;
        this.dialog = dialog;
        this.ownerCheck = ownerCheck;
        this.message = burst.last();
    }

    public Burst getBurst() {
        return burst;
    }

    public long getCaseId() {
        return burst.caseId();
    }

    /** The case's state; null until the labels were read for a case new to this process. */
    public DialogState getDialog() {
        return dialog;
    }

    void setDialog(DialogState dialog) {
        this.dialog = dialog;
    }

    /** True when the case's labels must be read before deciding (a case new to this process, or an operator's). */
    public boolean isOwnerCheck() {
        return ownerCheck;
    }

    /** True when a webhook of the burst was accepted before a restart and is handled again. */
    public boolean isRecovered() {
        return burst.recovered();
    }

    public Verdict getVerdict() {
        return verdict;
    }

    void setVerdict(Verdict verdict) {
        this.verdict = verdict;
    }

    /** What the bot answers: the customer's new messages, oldest first, joined by line breaks (the last webhook's). */
    public WebhookEvent getMessage() {
        return message;
    }

    void setMessage(WebhookEvent message) {
        this.message = message;
    }

    /** The newest customer message the turn answers (0: unknown): the in-doubt check looks only after it. */
    public long getAnsweringMessageId() {
        return answeringMessageId;
    }

    void setAnsweringMessageId(long answeringMessageId) {
        this.answeringMessageId = answeringMessageId;
    }

    /** The customer's text being answered, when no message id says which message it is (author-check=none). */
    public String getAnsweringText() {
        return answeringMessageId > 0 ? null : message.text();
    }
}
