package dev.omnibridge.bot.scenario;

import dev.omnibridge.dialog.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A reply text with placeholders: {@code {name}}, {@code {email}}, {@code {phone}}, {@code {visitor_id}},
 * {@code {text}} (the customer's message), and a fallback for empty values: {@code {name|гость}}. Parsed once at
 * load time so that a typo in a placeholder fails the start-up, not a conversation.
 */
final class Template {

    static final List<String> FIELDS = List.of("name", "email", "phone", "visitor_id", "text");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** Either literal text, or a field with its fallback. */
    private record Part(String literal, String field, String fallback) {

        String render(Map<String, String> values) {
            if (field == null) {
                return literal;
            }
            String value = values.getOrDefault(field, "").strip();
            return value.isEmpty() ? fallback : value;
        }
    }

    /** The key in the values under which the customer's language travels (not a placeholder). */
    static final String LANGUAGE = "#language";

    /** Language code (or {@link Text#ANY}) → the parsed text; the first is the default. */
    private final Map<String, List<Part>> variants;

    private Template(Map<String, List<Part>> variants) {
        this.variants = variants;
    }

    /** @throws IllegalArgumentException naming the unknown placeholder and the known ones */
    static Template parse(String source) {
        return parse(Text.of(source));
    }

    static Template parse(Text text) {
        Map<String, List<Part>> variants = new java.util.LinkedHashMap<>();
        text.variants().forEach((language, source) -> variants.put(language, parts(source)));
        return new Template(variants);
    }

    private static List<Part> parts(String source) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(source);
        int last = 0;
        while (matcher.find()) {
            parts.add(new Part(source.substring(last, matcher.start()), null, null));
            String body = matcher.group(1);
            int bar = body.indexOf('|');
            String field = (bar < 0 ? body : body.substring(0, bar)).strip();
            String fallback = bar < 0 ? "" : body.substring(bar + 1).strip();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown placeholder '" + matcher.group() + "' (known: "
                        + FIELDS.stream().map(f -> "{" + f + "}").collect(Collectors.joining(", ")) + ")");
            }
            parts.add(new Part(null, field, fallback));
            last = matcher.end();
        }
        parts.add(new Part(source.substring(last), null, null));
        return List.copyOf(parts);
    }

    /** The placeholder values of one customer message. */
    static Map<String, String> values(WebhookEvent message) {
        return Map.of(
                "name", message.visitor().name(),
                "email", message.visitor().email(),
                "phone", message.visitor().phone(),
                "visitor_id", message.visitor().id(),
                "text", message.text());
    }

    /** In the language under {@link #LANGUAGE} when the text has it, else in the text's first language. */
    String render(Map<String, String> values) {
        List<Part> parts = variants.get(values.getOrDefault(LANGUAGE, Text.ANY));
        if (parts == null) {
            parts = variants.values().iterator().next();
        }
        StringBuilder out = new StringBuilder();
        parts.forEach(part -> out.append(part.render(values)));
        return out.toString().strip();
    }
}
