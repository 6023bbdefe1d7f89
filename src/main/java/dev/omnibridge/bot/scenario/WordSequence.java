package dev.omnibridge.bot.scenario;

import dev.omnibridge.bot.TextNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A keyword or phrase: whole words in a row, each matched exactly or, when written with a trailing {@code *}, as a
 * prefix ({@code доставк*} matches доставка, доставку, доставки). Written text is normalized like messages are.
 */
final class WordSequence {

    private record Word(String text, boolean prefix) {

        boolean matches(String word) {
            return prefix ? word.startsWith(text) : word.equals(text);
        }
    }

    private final String source;
    private final List<Word> words;

    private WordSequence(String source, List<Word> words) {
        this.source = source;
        this.words = List.copyOf(words);
    }

    /** @throws IllegalArgumentException with a short reason (the caller names the intent) */
    static WordSequence parse(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        List<Word> words = new ArrayList<>();
        for (String token : source.strip().split("\\s+")) {
            boolean prefix = token.endsWith("*");
            String stem = prefix ? token.substring(0, token.length() - 1) : token;
            if (stem.contains("*")) {
                throw new IllegalArgumentException(
                        "uses '*' inside a word; only a trailing '*' (prefix) is supported");
            }
            String normalized = TextNormalizer.normalize(stem);
            if (normalized.isEmpty()) {
                throw new IllegalArgumentException(
                        prefix ? "has a '*' without a word stem" : "has no letters or digits");
            }
            String[] parts = normalized.split(" ");
            for (int i = 0; i < parts.length; i++) {
                // "e-mail*" normalizes to "e mail": the prefix applies to the last part only.
                words.add(new Word(parts[i], prefix && i == parts.length - 1));
            }
        }
        return new WordSequence(source, words);
    }

    int size() {
        return words.size();
    }

    boolean foundIn(NormalizedText message) {
        String[] text = message.words();
        for (int start = 0; start + words.size() <= text.length; start++) {
            if (matchesAt(text, start)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAt(String[] text, int start) {
        for (int i = 0; i < words.size(); i++) {
            if (!words.get(i).matches(text[start + i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
