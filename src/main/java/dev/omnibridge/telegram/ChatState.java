package dev.omnibridge.telegram;

import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the bridge keeps about one Telegram chat, saved as a file after every event: who has the chat, its
 * Omnidesk case, the bot's dialog, the message that shows the bot's buttons, and what was already dealt with (so an
 * event handled again after a crash is not handled twice). A plain bean, serialised as JSON.
 */
public class ChatState {

    static final int KEPT_KEYS = 200;

    private long chatId;
    private ChatOwner owner = ChatOwner.BOT;
    private String customerName = "";
    private long caseId;
    private long userId;
    private long escalatedAt;
    private String handoffReason = "";
    private String handoffDetail = "";
    private long keyboardMessageId;
    private long lastRelayedMessageId;
    private DialogState dialog;
    private List<String> handledEvents = new ArrayList<>();

    public ChatState() {}

    ChatState(long chatId, long now) {
        this.chatId = chatId;
        this.dialog = new DialogState(chatId, Owner.BOT, now);
    }

    boolean handled(String eventKey) {
        return handledEvents.contains(eventKey);
    }

    void markHandled(String eventKey) {
        handledEvents.remove(eventKey);
        handledEvents.add(eventKey);
        while (handledEvents.size() > KEPT_KEYS) {
            handledEvents.remove(0);
        }
    }

    /** The chat goes back to the bot with a fresh dialog (the case is closed). */
    void backToBot(long now) {
        owner = ChatOwner.BOT;
        caseId = 0;
        escalatedAt = 0;
        lastRelayedMessageId = 0;
        dialog = new DialogState(chatId, Owner.BOT, now);
    }

    public long getChatId() {
        return chatId;
    }

    public void setChatId(long chatId) {
        this.chatId = chatId;
    }

    public ChatOwner getOwner() {
        return owner;
    }

    public void setOwner(ChatOwner owner) {
        this.owner = owner;
    }

    public String getCustomerName() {
        return customerName;
    }

    public void setCustomerName(String customerName) {
        this.customerName = customerName == null ? "" : customerName;
    }

    public long getCaseId() {
        return caseId;
    }

    public void setCaseId(long caseId) {
        this.caseId = caseId;
    }

    public long getUserId() {
        return userId;
    }

    public void setUserId(long userId) {
        this.userId = userId;
    }

    public long getEscalatedAt() {
        return escalatedAt;
    }

    public void setEscalatedAt(long escalatedAt) {
        this.escalatedAt = escalatedAt;
    }

    public String getHandoffReason() {
        return handoffReason;
    }

    public void setHandoffReason(String handoffReason) {
        this.handoffReason = handoffReason == null ? "" : handoffReason;
    }

    public String getHandoffDetail() {
        return handoffDetail;
    }

    public void setHandoffDetail(String handoffDetail) {
        this.handoffDetail = handoffDetail == null ? "" : handoffDetail;
    }

    public long getKeyboardMessageId() {
        return keyboardMessageId;
    }

    public void setKeyboardMessageId(long keyboardMessageId) {
        this.keyboardMessageId = keyboardMessageId;
    }

    public long getLastRelayedMessageId() {
        return lastRelayedMessageId;
    }

    public void setLastRelayedMessageId(long lastRelayedMessageId) {
        this.lastRelayedMessageId = lastRelayedMessageId;
    }

    public DialogState getDialog() {
        return dialog;
    }

    public void setDialog(DialogState dialog) {
        this.dialog = dialog;
    }

    public List<String> getHandledEvents() {
        return handledEvents;
    }

    public void setHandledEvents(List<String> handledEvents) {
        this.handledEvents = handledEvents == null ? new ArrayList<>() : new ArrayList<>(handledEvents);
    }
}
