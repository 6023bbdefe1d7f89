package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Omnidesk list responses. Omnidesk lists are not JSON arrays but objects keyed {@code "0"}, {@code "1"}, …,
 * each wrapping one item ({@code {"kb_article": {...}}}), plus {@code "total_count"}. An empty list has been seen as
 * {@code {"case": []}}. Real arrays (of wrappers or bare objects) are accepted too, so that a fix on Omnidesk's side
 * does not break the bridge.
 */
public final class KeyedListReader {

    public static final String TOTAL_COUNT = "total_count";

    private KeyedListReader() {}

    /** The unwrapped item objects, ordered by their numeric key; never null. */
    public static List<JsonNode> items(JsonNode root, String wrapper) {
        List<JsonNode> items = new ArrayList<>();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return items;
        }
        if (root.isArray()) {
            root.forEach(element -> addItem(items, element, wrapper));
            return items;
        }
        if (!root.isObject()) {
            return items;
        }
        JsonNode wrapped = root.get(wrapper);
        if (wrapped != null) {
            // {"kb_article": []} is the empty-list quirk; {"kb_article": {...}} a single item; an array a plain list.
            if (wrapped.isArray()) {
                wrapped.forEach(element -> addItem(items, element, wrapper));
            } else if (wrapped.isObject()) {
                items.add(wrapped);
            }
            return items;
        }
        for (JsonNode element : numericEntries(root).values()) {
            addItem(items, element, wrapper);
        }
        return items;
    }

    /** {@code total_count} when present, otherwise the number of entries on this page. */
    public static int totalCount(JsonNode root) {
        if (root == null || root.isNull() || root.isMissingNode()) {
            return 0;
        }
        if (root.isArray()) {
            return root.size();
        }
        JsonNode total = root.get(TOTAL_COUNT);
        if (total != null) {
            if (total.isNumber()) {
                return total.asInt();
            }
            if (total.isTextual() && total.asText().trim().matches("\\d{1,9}")) {
                return Integer.parseInt(total.asText().trim());
            }
        }
        if (!root.isObject()) {
            return 0;
        }
        int count = 0;
        for (JsonNode element : numericEntries(root).values()) {
            if (element.isObject()) {
                count++;
            }
        }
        return count;
    }

    private static void addItem(List<JsonNode> items, JsonNode element, String wrapper) {
        if (element == null || !element.isObject()) {
            return;
        }
        JsonNode inner = element.get(wrapper);
        if (inner == null) {
            items.add(element); // a bare object
        } else if (inner.isObject()) {
            items.add(inner);
        }
    }

    /** Entries whose key is a non-negative integer, in numeric order ("10" after "9"). */
    private static Map<BigInteger, JsonNode> numericEntries(JsonNode root) {
        Map<BigInteger, JsonNode> entries = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey().trim();
            if (!key.isEmpty() && key.chars().allMatch(c -> c >= '0' && c <= '9')) {
                entries.put(new BigInteger(key), field.getValue());
            }
        }
        return entries;
    }
}
