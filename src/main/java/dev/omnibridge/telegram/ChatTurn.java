package dev.omnibridge.telegram;

import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;

/**
 * One event in one chat as the {@code chat-event} route handles it (exchange property {@code chatTurn}): the event,
 * the chat's state, and whether it is handled again after a restart. For the bot it looks like a Variant 1 turn:
 * {@link #getDialog()} and {@link #getMessage()} (the bot-engine route reads both).
 */
public class ChatTurn {

    private final ChatEvent event;
    private final ChatState chat;
    private final boolean recovered;
    private final boolean newChat;
    private String text;

    ChatTurn(ChatEvent event, ChatState chat, boolean recovered, boolean newChat) {
        this.event = event;
        this.chat = chat;
        this.recovered = recovered;
        this.newChat = newChat;
        this.text = event.text();
    }

    /** The bridge had no state for the chat: a new customer, or a state that was lost (then Omnidesk has it). */
    public boolean isNewChat() {
        return newChat;
    }

    public ChatEvent getEvent() {
        return event;
    }

    public ChatState getChat() {
        return chat;
    }

    public long getChatId() {
        return chat.getChatId();
    }

    public long getCaseId() {
        return chat.getCaseId();
    }

    public boolean isRecovered() {
        return recovered;
    }

    public DialogState getDialog() {
        return chat.getDialog();
    }

    /** What the customer said (for a press: the button's text). */
    public String getText() {
        return text;
    }

    void setText(String text) {
        this.text = text;
    }

    /** The customer's message as the bot reads it. */
    public WebhookEvent getMessage() {
        Visitor visitor = new Visitor(Long.toString(chat.getChatId()), chat.getCustomerName(), "", "");
        return new WebhookEvent(chat.getChatId(), "telegram", "visitor", text, visitor, event.receivedAt());
    }
}
