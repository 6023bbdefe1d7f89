package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.storage.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Omnidesk's answer to {@code GET /api/cases/{id}/messages.json}, built for unit tests. */
public final class MessageListJson {

    private MessageListJson() {}

    /** One message; add fields such as {@code note} or {@code content_html} to the returned map. */
    public static Map<String, Object> message(long id, long userId, long staffId, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", id);
        m.put("user_id", userId);
        m.put("staff_id", staffId);
        m.put("content", content);
        return m;
    }

    /** The keyed list Omnidesk answers, newest first as the bridge asks for it. */
    @SafeVarargs
    public static JsonNode messages(Map<String, Object>... newestFirst) {
        Map<String, Object> list = new LinkedHashMap<>();
        for (int i = 0; i < newestFirst.length; i++) {
            list.put(Integer.toString(i), Map.of("message", newestFirst[i]));
        }
        list.put("total_count", newestFirst.length);
        return Json.MAPPER.valueToTree(list);
    }
}
