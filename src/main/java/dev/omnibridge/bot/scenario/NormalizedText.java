package dev.omnibridge.bot.scenario;

import dev.omnibridge.bot.TextNormalizer;

/** A message after {@link TextNormalizer}: the folded text (for regexes) and its words (for keywords and phrases). */
record NormalizedText(String text, String[] words) {

    static NormalizedText of(String raw) {
        String text = TextNormalizer.normalize(raw);
        return new NormalizedText(text, text.isEmpty() ? new String[0] : text.split(" "));
    }

    boolean isEmpty() {
        return text.isEmpty();
    }
}
