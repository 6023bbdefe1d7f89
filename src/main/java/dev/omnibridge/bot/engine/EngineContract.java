package dev.omnibridge.bot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.ButtonMenu;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.WebhookEvent;
import java.util.Optional;

/**
 * An external engine's contract, without the HTTP: what the bridge sends for a customer message and how it reads
 * the answer. routes/bot-engine.yaml makes the call between the two.
 */
interface EngineContract {

    /** The engine's name, for notes and logs: webim, rasa or generic. */
    String engine();

    /**
     * The request for a customer message. Takes the dialog's button menu off: a message that chose a button is sent
     * as that button.
     */
    default ObjectNode request(DialogState dialog, WebhookEvent message) {
        return request(dialog, message, ButtonMenu.take(dialog, message.text()));
    }

    /** The request for a customer message, or for the button it chose. */
    ObjectNode request(DialogState dialog, WebhookEvent message, Optional<Button> chosen);

    /**
     * The engine's answer in the bridge's terms. May change the dialog (the generic contract's memory) only once the
     * whole answer is known to be good.
     *
     * @throws EngineException an answer outside the contract
     */
    EngineAnswer read(DialogState dialog, JsonNode answer);
}
