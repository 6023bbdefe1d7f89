package dev.omnibridge.telegram;

/** Who has a Telegram chat: exactly one at any moment. */
public enum ChatOwner {
    /** The bot answers. */
    BOT,
    /** Escalated: the Omnidesk case is open (or being opened), no operator has answered yet; the bot is silent. */
    WAITING,
    /** An operator answered in the case; everything the customer writes goes there until the case is closed. */
    OPERATOR
}
