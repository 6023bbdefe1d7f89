package dev.omnibridge.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What the Omnidesk rule template is expected to look like. The repair uses it only to break ties between
 * equally valid readings of an ambiguous body; key order and extra fields never matter.
 */
final class TemplateShape {

    static final String ROOT = "root";
    static final String MESSAGE = "message";
    static final String VISITOR = "visitor";
    static final String FIELDS = "visitor.fields";

    /** Every key the template uses, at any level. */
    static final Set<String> ALL_KEYS =
            Set.of("event", "message", "kind", "text", "visitor", "id", "fields", "email", "name", "phone", "chat_id");

    private static final Map<String, Set<String>> KEYS_BY_CONTAINER = Map.of(
            ROOT, Set.of("event", "message", "visitor", "chat_id"),
            MESSAGE, Set.of("kind", "text"),
            VISITOR, Set.of("id", "fields"),
            FIELDS, Set.of("email", "id", "name", "phone"));

    /** Values that carry what people typed, so quotes and JSON-like fragments in them are normal. */
    private static final Set<String> FREE_TEXT_KEYS = Set.of("text", "name");

    private TemplateShape() {
    }

    /** Keys expected in the container at {@code path}, or null for a container the template doesn't define. */
    static Set<String> expectedKeys(String path) {
        return path == null ? null : KEYS_BY_CONTAINER.get(path);
    }

    /** Path of a container opened as the value of {@code key} inside the container at {@code parentPath}. */
    static String childPath(String parentPath, String key) {
        if (ROOT.equals(parentPath) && (MESSAGE.equals(key) || VISITOR.equals(key))) {
            return key;
        }
        if (VISITOR.equals(parentPath) && "fields".equals(key)) {
            return FIELDS;
        }
        return null;
    }

    static boolean isFreeText(String key) {
        return key != null && FREE_TEXT_KEYS.contains(key);
    }

    /** True when the object has at least one of the template's top-level keys. */
    static boolean hasRootKey(JsonNode root) {
        return KEYS_BY_CONTAINER.get(ROOT).stream().anyMatch(root::has);
    }

    /**
     * False when a template key sits in a template container where the template never puts it, e.g.
     * {@code chat_id} inside {@code message}: valid JSON that a customer's text made up.
     */
    static boolean fits(JsonNode root) {
        JsonNode visitor = root.path("visitor");
        return fits(root, ROOT) && fits(root.path("message"), MESSAGE) && fits(visitor, VISITOR)
                && fits(visitor.path("fields"), FIELDS);
    }

    private static boolean fits(JsonNode container, String path) {
        if (!container.isObject()) {
            return true;
        }
        Set<String> expected = KEYS_BY_CONTAINER.get(path);
        for (Iterator<String> names = container.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (ALL_KEYS.contains(name) && !expected.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
