package dev.omnibridge.bot;

/**
 * A quick-reply button an engine offered. Omnidesk cannot show buttons, so the bridge lists them as numbered text
 * and maps the customer's answer back to the button.
 *
 * @param id   what the engine wants back: Webim's button id, Rasa's payload, the generic contract's id
 * @param text what the customer sees
 */
public record Button(String id, String text) {

    public Button {
        id = id == null ? "" : id;
        text = text == null ? "" : text.strip();
    }
}
