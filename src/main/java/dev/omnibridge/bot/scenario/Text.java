package dev.omnibridge.bot.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text of the scenario file: one string, or the same text in several languages keyed by language code
 * ({@code {ru: "Здравствуйте!", en: "Hello!"}}); the first one is the default. The bot answers in the customer's
 * language when the text has it (see {@link Language}).
 */
public final class Text {

    /** The key of a text written as one string: every language gets it. */
    static final String ANY = "";

    private final Map<String, String> variants;

    private Text(Map<String, String> variants) {
        this.variants = variants;
    }

    public static Text of(String text) {
        return new Text(Map.of(ANY, text == null ? "" : text));
    }

    /** What the YAML holds: a string, or a mapping of language codes to strings. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Text from(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, String> variants = new LinkedHashMap<>();
            map.forEach((language, text) -> {
                if (!(text instanceof String string)) {
                    throw new IllegalArgumentException("the text for language '" + language + "' is not a string");
                }
                variants.put(String.valueOf(language).strip().toLowerCase(), string);
            });
            if (variants.isEmpty()) {
                throw new IllegalArgumentException("a text by language needs at least one language");
            }
            return new Text(variants);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return of(String.valueOf(value));
        }
        throw new IllegalArgumentException("a text must be a string or a mapping of languages to strings");
    }

    /** Language code (or {@link #ANY}) → text, the default first. */
    Map<String, String> variants() {
        return variants;
    }

    boolean isBlank() {
        return variants.values().stream().allMatch(String::isBlank);
    }
}
