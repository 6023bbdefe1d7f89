package dev.omnibridge.telegram;

/**
 * One Bot API call as prepared by {@link TelegramRequests}: kept in the exchange property
 * {@value TelegramRequests#PROPERTY} so that every attempt sends exactly the same thing.
 *
 * @param method the Bot API method ({@code sendMessage}, {@code answerCallbackQuery}, …)
 * @param chatId the chat it is about (0: none), for the per-chat pace and the logs
 * @param body   the JSON body
 */
public record TelegramRequest(String method, long chatId, String body) {

    /** True for a message the customer sees: those keep to Telegram's pace of about one a second per chat. */
    public boolean isMessage() {
        return "sendMessage".equals(method);
    }
}
