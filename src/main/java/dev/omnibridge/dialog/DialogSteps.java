package dev.omnibridge.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.dialog.WebhookEvent;
import dev.omnibridge.omnidesk.CaseMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialog route's steps on the case's state: open a burst of webhooks, learn the owner from the case's labels,
 * learn who wrote each message from the case's messages (or, with {@code webhook.author-check=none}, trust the rule),
 * and record what was accepted and sent. The route keeps the burst, the event being answered and the state in the
 * exchange properties {@value #BURST}, {@value #EVENT} and {@value #DIALOG}, and the decision in {@value #VERDICT}.
 */
public class DialogSteps {

    public static final String BURST = "burst";
    public static final String EVENT = "event";
    public static final String DIALOG = "dialog";
    public static final String VERDICT = "verdict";
    public static final String TURN = "turn";
    /** True when the case's labels must be read before deciding (unknown case, or an operator's). */
    static final String OWNER_CHECK = "ownerCheck";
    /** The newest customer message the turn answers (the in-doubt check looks only after it). */
    public static final String ANSWERING = "answeringMessageId";
    /** Set on webhooks accepted before a crash and handled again after the restart. */
    public static final String RECOVERED = BurstCollector.RECOVERED;

    /** The verdicts, as the route's content-based router sees them. */
    public static final String ECHO = "echo";
    public static final String DUPLICATE = "duplicate";
    public static final String OPERATOR = "operator";
    public static final String TAKEOVER = "takeover";
    public static final String UNVERIFIED = "unverified";
    /** The case's messages could not be read: the burst is parked, nothing is answered blind. */
    public static final String UNREAD = "unread";
    public static final String BOT = "bot";

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
    public boolean isOwnEcho(Exchange exchange) {
        DialogState dialog = dialog(exchange);
        Burst burst = burst(exchange);
        boolean echo = dialog != null && dialog.getOwner() == Owner.BOT && !dialog.isResuming()
                && dialog.getHandledUpTo() >= 0 && burst.events().stream().allMatch(e -> dialog.isEcho(e.text()));
        if (echo) {
            exchange.setProperty(VERDICT, ECHO);
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
     * Starts a turn on a burst (body): finds the case's state and tells, in {@value #OWNER_CHECK}, whether the case's
     * labels must be read first (a case new to this process, or one an operator has).
     */
    public void open(Exchange exchange) {
        Burst burst = exchange.getMessage().getBody(Burst.class);
        exchange.setProperty(BURST, burst);
        exchange.setProperty(EVENT, burst.last());
        exchange.setProperty(RECOVERED, burst.recovered());
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
        exchange.setProperty(DIALOG, dialog);
        exchange.setProperty(OWNER_CHECK, check);
    }

    /**
     * Learns the owner from the case as {@code GET /api/cases/{id}.json} returned it (null when that failed: then a
     * new dialog is assumed to be the bot's, since the rule only fires for cases with the bot label). An operator's
     * case goes back to the bot when the bot label is there again after the bridge saw it gone.
     */
    public void applyCaseLabels(Exchange exchange) {
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        JsonNode labels = body == null ? null : body.path("case").path("labels");
        boolean known = labels != null && labels.isArray();
        boolean hasBotLabel = known && containsId(labels, botLabelId);
        long now = System.currentTimeMillis();
        DialogState dialog = exchange.getProperty(DIALOG, DialogState.class);
        long caseId = burst(exchange).caseId();
        if (dialog == null) {
            Owner owner = !known || hasBotLabel ? Owner.BOT : Owner.OPERATOR;
            if (!known) {
                LOG.warn("Could not read the labels of case {}; assuming the bot owns it", caseId);
            }
            dialog = new DialogState(caseId, owner, now);
            dialog.setBotLabelOffSeen(!hasBotLabel);
            exchange.setProperty(DIALOG, dialog);
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
     * Decides what to do with the burst from the case's latest messages (body; null when they could not be read),
     * records it in the dialog and returns the {@value #VERDICT}. For a bot turn, {@value #EVENT} becomes the
     * customer's new messages, oldest first, joined by line breaks.
     */
    public String triageByMessages(Exchange exchange) {
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        DialogState dialog = dialog(exchange);
        Burst burst = burst(exchange);
        String verdict;
        if (body == null || body.isNull()) {
            verdict = UNREAD;
        } else {
            AuthorCheck.Reading reading = authorCheck.read(dialog, burst.events(),
                    CaseMessage.listOf(body));
            if (reading.botSpoke()) {
                dialog.setNewDialog(false);
            }
            switch (reading.verdict()) {
                case BOT -> answer(exchange, dialog, burst, reading.toAnswer());
                case TAKEOVER -> {
                    LOG.info("Case {}: an operator wrote in the bot's case; the bot steps back", burst.caseId());
                    dialog.takenOver(System.currentTimeMillis(), takeoverRemovesLabel);
                }
                default -> { }
            }
            dialog.handledUpTo(reading.handledUpTo());
            verdict = reading.verdict().name().toLowerCase();
        }
        exchange.setProperty(VERDICT, verdict);
        return verdict;
    }

    private void answer(Exchange exchange, DialogState dialog, Burst burst, List<CaseMessage> customers) {
        List<String> texts = new ArrayList<>();
        for (CaseMessage m : customers) {
            texts.add(m.text());
            dialog.accept(m.text(), burst.first().receivedAt());
            dialog.addCustomerLine(m.text(), burst.first().receivedAt());
        }
        exchange.setProperty(ANSWERING, customers.get(customers.size() - 1).messageId());
        exchange.setProperty(EVENT, joined(burst, texts));
    }

    /**
     * {@code webhook.author-check=none}: trusts the rule that every webhook is a customer message and tells the
     * bridge's own messages and duplicates apart by their text. Returns the {@value #VERDICT}.
     */
    public String triageByText(Exchange exchange) {
        DialogState dialog = dialog(exchange);
        Burst burst = burst(exchange);
        List<String> texts = new ArrayList<>();
        String dropped = ECHO;
        for (WebhookEvent event : burst.events()) {
            if (dialog.isEcho(event.text())) {
                continue;
            }
            if (dialog.isDuplicate(event.text(), event.receivedAt(), duplicateWindowMillis)) {
                dropped = DUPLICATE;
                continue;
            }
            dialog.accept(event.text(), event.receivedAt());
            dialog.addCustomerLine(event.text(), event.receivedAt());
            texts.add(event.text());
        }
        String verdict;
        if (texts.isEmpty()) {
            verdict = dropped;
        } else if (dialog.getOwner() == Owner.OPERATOR) {
            verdict = OPERATOR;
        } else {
            verdict = BOT;
            exchange.setProperty(EVENT, joined(burst, texts));
        }
        exchange.setProperty(VERDICT, verdict);
        return verdict;
    }

    /** One event for the bot: the texts in order, the visitor of the newest webhook, the time of the first. */
    private static WebhookEvent joined(Burst burst, List<String> texts) {
        WebhookEvent last = burst.last();
        return new WebhookEvent(burst.caseId(), last.event(), last.kind(), String.join("\n", texts), last.visitor(),
                burst.first().receivedAt());
    }

    /** After a handoff: true when the case read back no longer carries the bot label. */
    public boolean handoffTook(Exchange exchange) {
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        JsonNode labels = body == null ? null : body.path("case").path("labels");
        boolean took = labels == null || !labels.isArray() || !containsId(labels, botLabelId);
        if (!took) {
            LOG.error("Case {}: the handoff did not take - the case still has the bot label", burst(exchange).caseId());
        }
        return took;
    }

    /** True when the bridge takes the bot label off a case an operator took over (dialog.takeover-removes-bot-label). */
    public boolean removeLabelOnTakeover() {
        return takeoverRemovesLabel;
    }

    /**
     * Called just before the bridge sends a reply (body) to the customer, so that its echo is recognised even when
     * the call times out after Omnidesk took it.
     */
    public void recordReply(Exchange exchange) {
        dialog(exchange).recordSent(exchange.getMessage().getBody(String.class), System.currentTimeMillis(), true);
    }

    /** Like {@link #recordReply} for an internal note: echoes are recognised, the transcript is unchanged. */
    public void recordNote(Exchange exchange) {
        dialog(exchange).recordSent(exchange.getMessage().getBody(String.class), System.currentTimeMillis(), false);
    }

    public void handOver(Exchange exchange) {
        dialog(exchange).handOverToOperator(System.currentTimeMillis());
    }

    public void save(Exchange exchange) {
        DialogState dialog = exchange.getProperty(DIALOG, DialogState.class);
        if (dialog != null) {
            if (BOT.equals(exchange.getProperty(VERDICT))) {
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

    private static Burst burst(Exchange exchange) {
        return exchange.getProperty(BURST, Burst.class);
    }

    private static DialogState dialog(Exchange exchange) {
        return exchange.getProperty(DIALOG, DialogState.class);
    }
}
