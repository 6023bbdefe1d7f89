package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;
import java.util.List;

/**
 * Writes Omnidesk's list shape, which is not a JSON array: {@code {"0": {"case": {...}}, "1": {...}, "total_count": N}}.
 * The bridge's {@code KeyedListReader} reads it without sharing this code: a fake must not agree with the client by
 * construction.
 * An empty list is {@code {"total_count": 0}}, except for cases, where {@code {"case": []}} has been seen.
 */
final class KeyedListWriter {

    private KeyedListWriter() {
    }

    static ObjectNode of(String key, List<ObjectNode> items, int totalCount) {
        ObjectNode list = Json.object();
        for (int i = 0; i < items.size(); i++) {
            list.set(Integer.toString(i), OmnideskJson.wrap(key, items.get(i)));
        }
        list.put("total_count", totalCount);
        return list;
    }

    static ObjectNode ofCases(List<ObjectNode> items, int totalCount) {
        if (items.isEmpty()) {
            ObjectNode quirk = Json.object();
            quirk.putArray("case");
            return quirk;
        }
        return of("case", items, totalCount);
    }
}
