package dev.omnibridge.sandbox.telegram;

import java.util.List;

/**
 * A private chat with the bot as the customer sees it, oldest first.
 *
 * @param actions chat actions the bot sent ({@code "typing"}, ...), in order
 */
public record TelegramChat(long chatId, List<Message> messages, List<CallbackQuery> callbackQueries,
                           List<String> actions) {

    public TelegramChat {
        messages = List.copyOf(messages);
        callbackQueries = List.copyOf(callbackQueries);
        actions = List.copyOf(actions);
    }

    /**
     * @param from     {@code "customer"} or {@code "bot"}
     * @param text     the text, or a photo's or document's caption ("" without one)
     * @param keyboard the inline keyboard the message shows now; empty when it has none (any more)
     * @param date     unix seconds
     */
    public record Message(long messageId, String from, String text, List<List<Button>> keyboard, long date) {

        public Message {
            keyboard = keyboard.stream().map(List::copyOf).toList();
        }

        public boolean fromBot() {
            return "bot".equals(from);
        }
    }

    /** An inline keyboard button; {@code callbackData} is null for a URL button. */
    public record Button(String text, String callbackData, String url) {}

    /** A button press and whether the bot answered it ({@code answerCallbackQuery}), and with what. */
    public record CallbackQuery(String id, long messageId, String data, boolean answered, String answerText) {}

    /** The latest message, or null in a chat without messages. */
    public Message lastMessage() {
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }
}
