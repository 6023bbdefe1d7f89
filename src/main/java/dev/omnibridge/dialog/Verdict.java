package dev.omnibridge.dialog;

import java.util.Locale;

/** What a turn does with a burst of webhooks; the routes branch on it and count dropped messages by its tag. */
public enum Verdict {
    /** answer the customer's new messages */
    BOT,
    /** a person wrote in a case the bot had: the bot steps back */
    TAKEOVER,
    /** the case's messages could not be read: the burst is parked, nothing is answered blind */
    UNREAD,
    /** the bridge's own message came back */
    ECHO,
    /** a customer message that was dealt with already */
    DUPLICATE,
    /** the case is an operator's, or the message was written before the bot had the case again */
    OPERATOR,
    /** the webhook's message is not among the case's messages and nothing new is there */
    UNVERIFIED;

    /** The metrics tag: {@code bridge_messages_dropped_total{reason="echo"}}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when nothing is said or written for the burst. */
    public boolean dropsTheBurst() {
        return this != BOT && this != TAKEOVER && this != UNREAD;
    }
}
