package dev.omnibridge.telegram;

import dev.omnibridge.omnidesk.HtmlText;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator's reply as Telegram messages: Omnidesk's HTML as plain text, in parts of at most
 * {@value #MAX_CHARS} characters (Telegram's limit for {@code sendMessage}), cut at a paragraph, then a line, then a
 * word boundary, never inside a surrogate pair; nothing is lost and no part is blank.
 */
public final class TelegramText {

    /** Telegram's {@code sendMessage} limit, counted in UTF-16 units as Java strings are. */
    public static final int MAX_CHARS = 4096;

    private TelegramText() {}

    /** The reply's parts, in order; empty when the reply has no text (a file alone). */
    public static List<String> parts(String html) {
        return split(HtmlText.toText(html), MAX_CHARS);
    }

    /** Plain text (a bot's reply) in parts of at most {@value #MAX_CHARS} characters. */
    public static List<String> plainParts(String text) {
        return split(text, MAX_CHARS);
    }

    static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = cutAt(rest, max);
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** The best place to end a part of at most {@code max} characters. */
    private static int cutAt(String text, int max) {
        for (String boundary : new String[] {"\n\n", "\n", " "}) {
            int at = text.lastIndexOf(boundary, max - boundary.length());
            if (at > max / 2) { // a boundary too early would leave tiny parts
                return at + boundary.length();
            }
        }
        // One long word: cut hard, but not between the halves of a surrogate pair (an emoji).
        return Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    }
}
