package dev.omnibridge.bot;

import java.util.List;

/**
 * What the bot does with one customer message: zero or more replies to the customer, in order, the choices it offers
 * (buttons; a channel without buttons shows them as a numbered list, see {@link TurnMessages}), and optionally a
 * handoff to an operator (sent after the replies).
 */
public record BotTurn(List<String> replies, List<Button> buttons, Handoff handoff) {

    public BotTurn {
        replies = replies == null ? List.of() : List.copyOf(replies);
        buttons = buttons == null || handoff != null ? List.of() : List.copyOf(buttons); // nothing to choose once handed over
    }

    public BotTurn(List<String> replies, Handoff handoff) {
        this(replies, List.of(), handoff);
    }

    public static BotTurn ofReplies(String... texts) {
        return new BotTurn(List.of(texts), null);
    }

    // Not named "handoff": the routes read turn.handoff, and a static method of that name would shadow the accessor.
    public static BotTurn handingOver(Handoff handoff, String... texts) {
        return new BotTurn(List.of(texts), handoff);
    }

    public boolean hasHandoff() {
        return handoff != null;
    }

    /** True when the turn says or offers something. */
    public boolean isEmpty() {
        return replies.isEmpty() && buttons.isEmpty();
    }
}
