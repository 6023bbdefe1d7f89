package dev.omnibridge.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.omnidesk.HtmlText;
import dev.omnibridge.omnidesk.KeyedList;
import dev.omnibridge.webhook.WebhookEvent;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialog route's steps on the case's state: load it, decide what the message is (triage), learn the owner from
 * the case's labels, and record what was accepted and sent. The route keeps the event and the state in the exchange
 * properties {@value #EVENT} and {@value #DIALOG}, and the decision in {@value #VERDICT}.
 */
public class DialogSteps {

    public static final String EVENT = "event";
    public static final String DIALOG = "dialog";
    public static final String VERDICT = "verdict";
    public static final String TURN = "turn";
    static final String OWNER_CHECKED = "ownerChecked";
    /** Set when this exchange created the dialog state (so a recovered event may rebuild it from the case). */
    public static final String CREATED = "dialogCreated";
    /** Set on webhooks accepted before a crash and handled again after the restart. */
    public static final String RECOVERED = "recovered";

    /** The verdicts, as the route's content-based router sees them. */
    public static final String ECHO = "echo";
    public static final String DUPLICATE = "duplicate";
    public static final String OPERATOR = "operator";
    public static final String CHECK_OWNER = "check-owner";
    public static final String BOT = "bot";

    private static final Logger LOG = LoggerFactory.getLogger(DialogSteps.class);

    private DialogStore store;
    private boolean ownerFromLabels = true;
    private long handbackQuietMillis = 5_000;
    private long duplicateWindowMillis = 5_000;
    private long botLabelId;
    private long botStaffId;

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

    public void setHandbackQuietSeconds(long seconds) {
        this.handbackQuietMillis = seconds * 1000;
    }

    public void setDuplicateWindowSeconds(long seconds) {
        this.duplicateWindowMillis = seconds * 1000;
    }

    public void setBotLabelId(long botLabelId) {
        this.botLabelId = botLabelId;
    }

    public void setBotStaffId(long botStaffId) {
        this.botStaffId = botStaffId;
    }

    /** Decides what to do with the message; sets and returns the {@value #VERDICT} property. */
    public String triage(Exchange exchange) {
        WebhookEvent event = event(exchange);
        DialogState dialog = exchange.getProperty(DIALOG, DialogState.class);
        if (dialog == null) {
            dialog = store.find(event.caseId()).orElse(null);
            exchange.setProperty(DIALOG, dialog);
        }
        boolean ownerChecked = exchange.getProperty(OWNER_CHECKED, false, Boolean.class);
        String verdict;
        boolean recovered = exchange.getProperty(RECOVERED, false, Boolean.class);
        if (dialog == null && (ownerFromLabels || recovered) && !ownerChecked) {
            verdict = CHECK_OWNER;
        } else {
            if (dialog == null) {
                dialog = new DialogState(event.caseId(), Owner.BOT, System.currentTimeMillis());
                exchange.setProperty(DIALOG, dialog);
            }
            verdict = decide(dialog, event, ownerChecked);
        }
        exchange.setProperty(VERDICT, verdict);
        return verdict;
    }

    private String decide(DialogState dialog, WebhookEvent event, boolean ownerChecked) {
        if (dialog.isEcho(event.text())) {
            return ECHO;
        }
        if (dialog.isDuplicate(event.text(), event.receivedAt(), duplicateWindowMillis)) {
            return DUPLICATE;
        }
        if (dialog.getOwner() == Owner.OPERATOR) {
            boolean quietLongEnough = System.currentTimeMillis() - dialog.getOwnerCheckedAt() >= handbackQuietMillis;
            return quietLongEnough && !ownerChecked ? CHECK_OWNER : OPERATOR;
        }
        return BOT;
    }

    /**
     * Learns the owner from the case as {@code GET /api/cases/{id}.json} returned it (null when that failed: then a
     * new dialog is assumed to be the bot's, since the rule only fires for cases with the bot label).
     */
    public void applyCaseLabels(Exchange exchange) {
        exchange.setProperty(OWNER_CHECKED, true);
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        JsonNode labels = body == null ? null : body.path("case").path("labels");
        boolean known = labels != null && labels.isArray();
        boolean hasBotLabel = known && containsId(labels, botLabelId);
        long now = System.currentTimeMillis();
        DialogState dialog = exchange.getProperty(DIALOG, DialogState.class);
        long caseId = event(exchange).caseId();
        if (dialog == null) {
            Owner owner = !known || hasBotLabel ? Owner.BOT : Owner.OPERATOR;
            if (!known) {
                LOG.warn("Could not read the labels of case {}; assuming the bot owns it", caseId);
            }
            exchange.setProperty(DIALOG, new DialogState(caseId, owner, now));
            exchange.setProperty(CREATED, true);
        } else if (hasBotLabel) {
            LOG.info("Case {} has the bot label again: the bot resumes", caseId);
            dialog.returnToBot(now);
        } else {
            dialog.setOwnerCheckedAt(now);
        }
    }

    /**
     * Rebuilds what the bridge had sent to the case from its latest messages (newest first, as
     * {@code GET /api/cases/{id}/messages.json?order=desc} returns them): after a crash the state is gone, and
     * without it the echo of a reply sent just before the crash would look like a customer message.
     */
    public void applyHistory(Exchange exchange) {
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        DialogState dialog = dialog(exchange);
        if (body == null || dialog == null) {
            return;
        }
        List<JsonNode> newestFirst = KeyedList.items(body, "message");
        boolean botSpoke = false;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            JsonNode message = newestFirst.get(i);
            String content = message.path("content").asText("");
            if (content.isBlank()) {
                content = HtmlText.toText(message.path("content_html").asText(""));
            }
            if (message.path("note").asBoolean(false)) {
                dialog.recordSent(content, 0, false);
            } else if (message.path("staff_id").asLong() == botStaffId) {
                dialog.recordSent(content, 0, true);
                botSpoke = true;
            }
        }
        if (botSpoke) {
            dialog.setNewDialog(false);
        }
    }

    /** After a handoff: true when the case read back no longer carries the bot label. */
    public boolean handoffTook(Exchange exchange) {
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        JsonNode labels = body == null ? null : body.path("case").path("labels");
        boolean took = labels == null || !labels.isArray() || !containsId(labels, botLabelId);
        if (!took) {
            LOG.error("Case {}: the handoff did not take - the case still has the bot label", event(exchange).caseId());
        }
        return took;
    }

    /** The message is the customer's and new: remember it (for duplicates) and add it to the transcript. */
    public void accept(Exchange exchange) {
        WebhookEvent event = event(exchange);
        DialogState dialog = dialog(exchange);
        dialog.accept(event.text(), event.receivedAt());
        dialog.addCustomerLine(event.text(), event.receivedAt());
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

    private static WebhookEvent event(Exchange exchange) {
        return exchange.getProperty(EVENT, WebhookEvent.class);
    }

    private static DialogState dialog(Exchange exchange) {
        return exchange.getProperty(DIALOG, DialogState.class);
    }
}
