package dev.omnibridge.bot;

import java.util.ArrayList;
import java.util.List;

/**
 * What the customer receives for a turn in an Omnidesk case: by default one message, the turn's replies joined by a
 * blank line, since every message is a write that costs 2 units of Omnidesk's API budget (bot.join-replies); or each
 * reply apart. Omnidesk's channels cannot show buttons, so the turn's buttons become a numbered list under the last
 * reply ({@link ButtonMenu}; the bot remembers them, and "2" or the button's text chooses).
 */
public class TurnMessages {

    private boolean join = true;

    public void setJoin(boolean join) {
        this.join = join;
    }

    public List<String> of(BotTurn turn) {
        List<String> texts = new ArrayList<>(turn.replies());
        if (!turn.buttons().isEmpty()) {
            String menu = ButtonMenu.render(turn.buttons());
            if (texts.isEmpty()) {
                texts.add(menu);
            } else {
                texts.set(texts.size() - 1, texts.get(texts.size() - 1) + "\n" + menu);
            }
        }
        if (!join || texts.size() < 2) {
            return texts;
        }
        return List.of(String.join("\n\n", texts));
    }
}
