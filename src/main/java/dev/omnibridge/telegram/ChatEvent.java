package dev.omnibridge.telegram;

import dev.omnibridge.webhook.OperatorReply;
import java.util.List;

/**
 * Something that happened in a Telegram chat or its Omnidesk case, as the chat's lane handles it: the customer wrote
 * or pressed a button (a Telegram update), an operator replied in the case, or the case was closed. Kept in the
 * {@link ChatInbox} from the moment it is accepted until it is dealt with.
 *
 * @param key        what makes it unique: {@code update-<update_id>}, {@code reply-<message_id>}, {@code closed-<case>-<time>}
 * @param text       the customer's text (a caption for a file); for a press, filled in from the button
 * @param callbackId the press to answer ({@code answerCallbackQuery})
 * @param pressed    the message whose button was pressed, and the button's callback data
 * @param files      the customer's photo or document
 * @param reply      the operator's reply (OPERATOR_REPLY)
 * @param caseId     the Omnidesk case (OPERATOR_REPLY, CASE_CLOSED)
 */
public record ChatEvent(String key, ChatEventKind kind, long chatId, String text, String customerName, String callbackId,
        long pressed, String callbackData, List<ChatFile> files, OperatorReply reply, long caseId, long receivedAt) {

    /** A file the customer sent: Telegram's file id, and the name and type to give it in Omnidesk. */
    public record ChatFile(String fileId, String fileName, String mimeType) {}

    public ChatEvent {
        text = text == null ? "" : text;
        customerName = customerName == null ? "" : customerName;
        files = files == null ? List.of() : List.copyOf(files);
    }

    public static ChatEvent customerMessage(long updateId, long chatId, String name, String text, List<ChatFile> files) {
        return new ChatEvent("update-" + updateId, ChatEventKind.CUSTOMER_MESSAGE, chatId, text, name, null, 0, null, files,
                null, 0, System.currentTimeMillis());
    }

    public static ChatEvent buttonPress(long updateId, long chatId, String name, String callbackId, long messageId,
            String data) {
        return new ChatEvent("update-" + updateId, ChatEventKind.BUTTON_PRESS, chatId, "", name, callbackId, messageId, data,
                null, null, 0, System.currentTimeMillis());
    }

    public static ChatEvent operatorReply(OperatorReply reply, long chatId) {
        return new ChatEvent("reply-" + reply.messageId(), ChatEventKind.OPERATOR_REPLY, chatId, "", "", null, 0, null, null,
                reply, reply.caseId(), System.currentTimeMillis());
    }

    public static ChatEvent caseClosed(long caseId, long chatId) {
        long now = System.currentTimeMillis();
        return new ChatEvent("closed-" + caseId + "-" + now, ChatEventKind.CASE_CLOSED, chatId, "", "", null, 0, null, null,
                null, caseId, now);
    }

    public ChatEvent withChatId(long chat) {
        return new ChatEvent(key, kind, chat, text, customerName, callbackId, pressed, callbackData, files, reply,
                caseId, receivedAt);
    }

    public ChatEvent withText(String newText) {
        return new ChatEvent(key, kind, chatId, newText, customerName, callbackId, pressed, callbackData, files, reply,
                caseId, receivedAt);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFromCustomer() {
        return kind == ChatEventKind.CUSTOMER_MESSAGE || kind == ChatEventKind.BUTTON_PRESS;
    }
}
