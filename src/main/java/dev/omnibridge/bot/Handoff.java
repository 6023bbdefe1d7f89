package dev.omnibridge.bot;

/**
 * The bot gives the case to a human.
 *
 * @param reason a low-cardinality code (used in metrics): {@code requested}, {@code not-understood},
 *               {@code bot-unavailable}, {@code bot-decided}
 * @param detail a human-readable explanation for the operator's note
 */
public record Handoff(String reason, String detail) {

    public static final String REQUESTED = "requested";
    public static final String NOT_UNDERSTOOD = "not-understood";
    public static final String BOT_UNAVAILABLE = "bot-unavailable";
    public static final String BOT_DECIDED = "bot-decided";
}
