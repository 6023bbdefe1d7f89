package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;

/**
 * A knowledge-base article as Omnidesk stores it. Title and content are JSON because a multilingual base
 * gives objects keyed by language id ({@code {"1": "...", "2": "..."}}) where a single-language one gives strings.
 */
record KbEntry(long articleId, long sectionId, JsonNode title, JsonNode content, String tags, boolean active,
               Instant createdAt, Instant updatedAt) {

    /** Everything a search looks at, as folded plain text: every language, tags included, HTML removed. */
    String searchableText() {
        StringBuilder text = new StringBuilder();
        appendText(text, title);
        appendText(text, content);
        text.append(' ').append(tags);
        return fold(text.toString());
    }

    /** Lower case, ё as е: how people type Russian in a search box. */
    static String fold(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    private static void appendText(StringBuilder out, JsonNode node) {
        if (node.isTextual()) {
            out.append(' ').append(Html.toText(node.asText()));
        } else {
            node.forEach(value -> out.append(' ').append(Html.toText(value.asText())));
        }
    }
}
