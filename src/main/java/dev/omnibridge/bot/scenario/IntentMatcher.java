package dev.omnibridge.bot.scenario;

import java.util.List;
import java.util.regex.Pattern;

/** Decides whether a normalized message triggers an intent: any keyword, phrase or pattern is enough. */
final class IntentMatcher {

    private final List<WordSequence> words;
    private final List<Pattern> patterns;

    IntentMatcher(List<WordSequence> keywordsAndPhrases, List<Pattern> patterns) {
        this.words = List.copyOf(keywordsAndPhrases);
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Compiles a scenario regex. Patterns run over the normalized text, which has no ё, so ё in the pattern is
     * folded too (it is never a regex metacharacter); case-insensitive so that "Заказ" in a pattern still works.
     *
     * @throws java.util.regex.PatternSyntaxException when the regex is invalid
     */
    static Pattern compilePattern(String regex) {
        String folded = regex.replace('ё', 'е').replace('Ё', 'Е');
        return Pattern.compile(folded,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    }

    boolean matches(NormalizedText message) {
        if (message.isEmpty()) {
            return false;
        }
        for (WordSequence sequence : words) {
            if (sequence.foundIn(message)) {
                return true;
            }
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(message.text()).find()) {
                return true;
            }
        }
        return false;
    }
}
