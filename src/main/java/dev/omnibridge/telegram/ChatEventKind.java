package dev.omnibridge.telegram;

/** What a {@link ChatEvent} is; the {@code chat-event} route branches on it. */
public enum ChatEventKind {
    /** The customer wrote (text, a photo, a document). */
    CUSTOMER_MESSAGE,
    /** The customer pressed one of the bot's buttons. */
    BUTTON_PRESS,
    /** An operator replied in the chat's case. */
    OPERATOR_REPLY,
    /** The chat's case was closed. */
    CASE_CLOSED
}
