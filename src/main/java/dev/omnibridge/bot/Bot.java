package dev.omnibridge.bot;

import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.WebhookEvent;

/**
 * Turns a customer message into a {@link BotTurn}. The bridge owns delivery, ownership and the transcript; a bot
 * only decides what to say. A bot may keep small per-dialog memory in {@link DialogState#getMemory()}.
 */
public interface Bot {

    /**
     * @param dialog  the case's dialog state; {@link DialogState#isNewDialog()} is true for the first message
     * @param message the customer's message (text exactly as typed, visitor fields)
     */
    BotTurn respond(DialogState dialog, WebhookEvent message);
}
