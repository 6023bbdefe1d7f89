package dev.omnibridge.bot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.WebhookEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge's own small contract, for a bot written in an afternoon (the README, "External bot engines", has the full text):
 *
 * <pre>
 * → {"case_id":5001,"new_dialog":false,"text":"2","button":{"id":"pickup","text":"Самовывоз"},
 *    "visitor":{"id":"77","name":"Иван","email":"","phone":""},"memory":{"step":"delivery"}}
 * ← {"replies":["…"],"buttons":[{"id":"msk","text":"Москва"}],"handoff":{"reason":"…"},"memory":{"step":null}}
 * </pre>
 *
 * The bot may keep a little state per dialog in {@code memory}: it gets back what it stored, a {@code null} value
 * removes a key. Memory is bounded ({@value #MAX_MEMORY_KEYS} keys, {@value #MAX_KEY_CHARS}-character keys,
 * {@value #MAX_VALUE_CHARS}-character values); an answer that breaks the bounds is a broken answer.
 */
public class GenericJsonBot implements EngineContract {

    static final String ENGINE = "generic";
    /** The bot's memory lives in the dialog's memory under this prefix, apart from the bridge's own keys. */
    static final String MEMORY_PREFIX = "generic.";
    static final int MAX_MEMORY_KEYS = 20;
    static final int MAX_KEY_CHARS = 64;
    static final int MAX_VALUE_CHARS = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String engine() {
        return ENGINE;
    }


    @Override
    public EngineAnswer read(DialogState dialog, JsonNode answer) {
        if (!answer.isObject()) {
            throw EngineException.garbage("answer is not a JSON object");
        }
        Map<String, String> memory = memory(dialog, answer.path("memory"));
        EngineAnswer read = new EngineAnswer(replies(answer.path("replies")), buttons(answer.path("buttons")),
                handoff(answer.path("handoff")));
        // Stored only once the whole answer is known to be good: a broken answer changes nothing.
        dialog.getMemory().keySet().removeIf(k -> k.startsWith(MEMORY_PREFIX));
        memory.forEach((k, v) -> dialog.getMemory().put(MEMORY_PREFIX + k, v));
        return read;
    }

    @Override
    public ObjectNode request(DialogState dialog, WebhookEvent message, Optional<Button> chosen) {
        ObjectNode request = NODES.objectNode()
                .put("case_id", message.caseId())
                .put("new_dialog", dialog.isNewDialog())
                .put("text", message.text());
        chosen.ifPresent(b -> request.putObject("button").put("id", b.id()).put("text", b.text()));
        request.putObject("visitor").put("id", message.visitor().id()).put("name", message.visitor().name())
                .put("email", message.visitor().email()).put("phone", message.visitor().phone());
        ObjectNode memory = request.putObject("memory");
        dialog.getMemory().forEach((k, v) -> {
            if (k.startsWith(MEMORY_PREFIX)) {
                memory.put(k.substring(MEMORY_PREFIX.length()), v);
            }
        });
        return request;
    }

    private static List<String> replies(JsonNode replies) {
        List<String> texts = new ArrayList<>();
        if (absent(replies)) {
            return texts;
        }
        if (!replies.isArray()) {
            throw EngineException.garbage("replies is not a list");
        }
        for (JsonNode reply : replies) {
            if (!reply.isTextual()) {
                throw EngineException.garbage("a reply is not a text");
            }
            texts.add(reply.asText());
        }
        return texts;
    }

    private static List<Button> buttons(JsonNode buttons) {
        List<Button> list = new ArrayList<>();
        if (absent(buttons)) {
            return list;
        }
        if (!buttons.isArray()) {
            throw EngineException.garbage("buttons is not a list");
        }
        for (JsonNode b : buttons) {
            if (!b.path("text").isTextual() || b.path("text").asText().isBlank()) {
                throw EngineException.garbage("a button without text");
            }
            list.add(new Button(b.path("id").asText(b.path("text").asText()), b.path("text").asText()));
        }
        return list;
    }

    /** Absent, null or false: none; true: no reason given; a text or {"reason": text}: that reason. */
    private static Handoff handoff(JsonNode handoff) {
        if (absent(handoff) || (handoff.isBoolean() && !handoff.asBoolean())) {
            return null;
        }
        String reason;
        if (handoff.isBoolean()) {
            reason = "";
        } else if (handoff.isTextual()) {
            reason = handoff.asText();
        } else if (handoff.isObject()) {
            reason = handoff.path("reason").asText("");
        } else {
            throw EngineException.garbage("handoff is neither true/false, a text nor an object");
        }
        return new Handoff(Handoff.BOT_DECIDED, reason.isBlank() ? "The bot asked for an operator" : reason.strip());
    }

    /** The bot's memory after this answer: what it had, with the answer's changes applied and checked. */
    private static Map<String, String> memory(DialogState dialog, JsonNode changes) {
        Map<String, String> memory = new HashMap<>();
        dialog.getMemory().forEach((k, v) -> {
            if (k.startsWith(MEMORY_PREFIX)) {
                memory.put(k.substring(MEMORY_PREFIX.length()), v);
            }
        });
        if (absent(changes)) {
            return memory;
        }
        if (!changes.isObject()) {
            throw EngineException.garbage("memory is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> change = it.next();
            String key = change.getKey();
            JsonNode value = change.getValue();
            if (key.isEmpty() || key.length() > MAX_KEY_CHARS) {
                throw EngineException.garbage("memory key longer than " + MAX_KEY_CHARS + " characters");
            }
            if (value.isNull()) {
                memory.remove(key);
                continue;
            }
            // Scalars are kept as their text, objects and lists as their JSON.
            String text = value.isValueNode() ? value.asText() : value.toString();
            if (text.length() > MAX_VALUE_CHARS) {
                throw EngineException.garbage("memory value longer than " + MAX_VALUE_CHARS + " characters");
            }
            memory.put(key, text);
        }
        if (memory.size() > MAX_MEMORY_KEYS) {
            throw EngineException.garbage("memory with more than " + MAX_MEMORY_KEYS + " keys");
        }
        return memory;
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }
}
