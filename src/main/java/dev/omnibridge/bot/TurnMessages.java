package dev.omnibridge.bot;

import java.util.List;

/**
 * What the customer receives for a turn: by default one message, the turn's replies joined by a blank line, since
 * every message is a write that costs 2 units of Omnidesk's API budget (bot.join-replies); or each reply apart.
 */
public class TurnMessages {

    private boolean join = true;

    public void setJoin(boolean join) {
        this.join = join;
    }

    public List<String> of(BotTurn turn) {
        if (!join || turn.replies().size() < 2) {
            return turn.replies();
        }
        return List.of(String.join("\n\n", turn.replies()));
    }
}
