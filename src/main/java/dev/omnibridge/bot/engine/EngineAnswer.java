package dev.omnibridge.bot.engine;

import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.ButtonMenu;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.dialog.DialogState;
import java.util.ArrayList;
import java.util.List;

/**
 * What an engine said, in the bridge's terms, before it becomes a {@link BotTurn}. The rules every engine shares
 * live here: buttons go into the turn (and are remembered for the next message), a
 * handoff without a word gets the configured handoff message, and an answer with nothing to say hands the dialog
 * over rather than leave the customer in silence.
 */
public record EngineAnswer(List<String> replies, List<Button> buttons, Handoff handoff) {

    public EngineAnswer {
        replies = replies == null ? List.of() : replies.stream().filter(r -> r != null && !r.isBlank())
                .map(String::strip).toList();
        buttons = buttons == null ? List.of() : buttons.stream().filter(b -> !b.text().isEmpty()).toList();
    }

    /**
     * @param engine         the engine's name, for the operator's note
     * @param handoffMessage said when the engine hands over without replying itself; blank = say nothing
     */
    public BotTurn toTurn(DialogState dialog, String engine, String handoffMessage) {
        List<String> texts = new ArrayList<>(replies);
        if (handoff != null) {
            ButtonMenu.remember(dialog, List.of()); // an operator takes over: no menu to answer
            if (texts.isEmpty() && handoffMessage != null && !handoffMessage.isBlank()) {
                texts.add(handoffMessage.strip());
            }
            return new BotTurn(texts, handoff);
        }
        ButtonMenu.remember(dialog, buttons);
        if (texts.isEmpty() && buttons.isEmpty()) {
            return new EngineAnswer(List.of(), List.of(),
                    new Handoff(Handoff.NOT_UNDERSTOOD, "The " + engine + " bot gave no answer"))
                    .toTurn(dialog, engine, handoffMessage);
        }
        return new BotTurn(texts, buttons, null);
    }
}
