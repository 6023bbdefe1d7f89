package dev.omnibridge.bot;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds a text for matching, the same way for customer messages and for the scenario's keywords and phrases:
 * lower case (Locale.ROOT, so no Turkish-i surprises), ё → е, punctuation and symbols → space, whitespace collapsed,
 * trimmed. "Где мой ЗАКАЗ №123?!" becomes "где мой заказ 123".
 */
public final class TextNormalizer {

    /** Invisible format characters (zero-width space, soft hyphen) would otherwise split or glue words. */
    private static final Pattern FORMAT = Pattern.compile("\\p{Cf}+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\p{P}\\p{S}\\p{Cc}\\p{Z}\\s]+");

    private TextNormalizer() {}

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // NFC first: a decomposed "е + ◌̈" (as some keyboards send it) becomes "ё" and is then folded like any other.
        String folded = Normalizer.normalize(text, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT)
                .replace('ё', 'е');
        folded = FORMAT.matcher(folded).replaceAll("");
        return SEPARATORS.matcher(folded).replaceAll(" ").strip();
    }
}
