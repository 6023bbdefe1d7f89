package dev.omnibridge.dialog;

/** One line of the dialog as the bridge saw it; {@code author} is "customer" or "bot". */
public record TranscriptLine(String author, String text, long at) {

    public static final String CUSTOMER = "customer";
    public static final String BOT = "bot";
}
