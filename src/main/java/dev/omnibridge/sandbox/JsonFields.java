package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.sandbox.support.SandboxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of request fields. Lenient where PHP-backed APIs usually are (numbers as numeric strings),
 * strict where a client bug would otherwise pass silently (an id that is not a number).
 */
final class JsonFields {

    private JsonFields() {
    }

    /** Text of a field; numbers are accepted as their text; absent or null gives "". */
    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw SandboxException.badRequest("invalid_" + name);
    }

    /** Text of a field, or null when absent (for "leave unchanged" semantics). */
    static String optionalText(JsonNode node, String name) {
        return node.hasNonNull(name) ? text(node, name) : null;
    }

    /** An integer id, or null when absent. */
    static Long optionalLong(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return toLong(value, name);
    }

    /** An id list such as {@code add_labels}; a single id is taken as a list of one. */
    static List<Long> longs(JsonNode node, String name) {
        JsonNode value = node.get(name);
        List<Long> ids = new ArrayList<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        if (value.isArray()) {
            value.forEach(item -> ids.add(toLong(item, name)));
        } else {
            ids.add(toLong(value, name));
        }
        return ids;
    }

    /** A flat object of strings such as {@code custom_fields}, or null when absent. */
    static Map<String, String> optionalStrings(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw SandboxException.badRequest("invalid_" + name);
        }
        Map<String, String> out = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static long toLong(JsonNode value, String name) {
        if (value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().strip());
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        throw SandboxException.badRequest("invalid_" + name);
    }
}
