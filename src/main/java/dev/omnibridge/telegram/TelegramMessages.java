package dev.omnibridge.telegram;

import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.webhook.OperatorReply;
import java.util.ArrayList;
import java.util.List;

/**
 * What the customer's Telegram shows, as {@code sendMessage} requests: a bot turn's replies in order with its buttons
 * as an inline keyboard under the last one, an operator's reply as text (HTML reduced, cut at 4,096 characters), or
 * one of the bridge's own notices.
 */
public class TelegramMessages {

    private TelegramRequests requests;
    private String buttonsPrompt = "👇";
    private boolean join = true;
    private String escalatedMessage = "";
    private String closedMessage = "";

    public void setEscalatedMessage(String escalatedMessage) {
        this.escalatedMessage = escalatedMessage;
    }

    public void setClosedMessage(String closedMessage) {
        this.closedMessage = closedMessage;
    }

    public void setRequests(TelegramRequests requests) {
        this.requests = requests;
    }

    /** A turn's replies as one message (bot.join-replies): Telegram paces a chat at about a message a second. */
    public void setJoin(boolean join) {
        this.join = join;
    }

    /** The text above buttons offered without a reply. */
    public void setButtonsPrompt(String buttonsPrompt) {
        this.buttonsPrompt = buttonsPrompt;
    }

    public List<TelegramRequest> ofTurn(long chatId, BotTurn turn) {
        List<String> replies = join && turn.replies().size() > 1
                ? List.of(String.join("\n\n", turn.replies())) : turn.replies();
        List<String> texts = new ArrayList<>();
        replies.forEach(reply -> texts.addAll(TelegramText.plainParts(reply)));
        if (texts.isEmpty() && !turn.buttons().isEmpty()) {
            texts.add(buttonsPrompt);
        }
        List<TelegramRequest> messages = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            boolean last = i == texts.size() - 1;
            messages.add(requests.sendMessage(chatId, texts.get(i), last ? turn.buttons() : List.of()));
        }
        return messages;
    }

    public List<TelegramRequest> ofReply(long chatId, OperatorReply reply) {
        List<String> texts = new ArrayList<>(TelegramText.parts(reply.content()));
        if (!reply.attachments().isEmpty()) {
            // Omnidesk's file links need the account's credentials: the customer is told a file is waiting in the case.
            texts.add("📎 " + reply.attachments().size() + " file(s) attached to the reply");
        }
        return texts.stream().map(text -> requests.sendMessage(chatId, text, List.of())).toList();
    }

    /** Told once the case is open: an operator will answer here. */
    public List<TelegramRequest> escalated(long chatId) {
        return notice(chatId, escalatedMessage);
    }

    /** Told when the operator closed the case: the bot is back. */
    public List<TelegramRequest> caseClosed(long chatId) {
        return notice(chatId, closedMessage);
    }

    /** One of the bridge's notices; none when it is configured empty. */
    private List<TelegramRequest> notice(long chatId, String text) {
        return text == null || text.isBlank() ? List.of()
                : TelegramText.plainParts(text).stream().map(t -> requests.sendMessage(chatId, t, List.of())).toList();
    }
}
