package dev.omnibridge.sandbox.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Bot API call's parameters, wherever they came from: the query string, form fields or a JSON body, as Telegram
 * accepts all three. Form and query values are strings, so objects such as {@code reply_markup} may arrive as JSON
 * text; numbers may arrive as strings either way.
 */
final class BotParams {

    private final ObjectNode values;

    private BotParams(ObjectNode values) {
        this.values = values;
    }

    static BotParams of(RoutingContext ctx) {
        ObjectNode values = Json.object();
        copy(ctx.queryParams(), values);
        String type = ctx.request().getHeader("Content-Type");
        String lowered = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (lowered.startsWith("application/x-www-form-urlencoded") || lowered.startsWith("multipart/form-data")) {
            copy(ctx.request().formAttributes(), values);
        } else {
            String raw = Json.rawBody(ctx);
            if (!raw.isBlank()) {
                try {
                    JsonNode parsed = Json.MAPPER.readTree(raw);
                    if (!(parsed instanceof ObjectNode object)) {
                        throw BotError.badRequest("invalid request body");
                    }
                    object.fields().forEachRemaining(e -> values.set(e.getKey(), e.getValue()));
                } catch (JsonProcessingException e) {
                    throw BotError.badRequest("invalid request body");
                }
            }
        }
        return new BotParams(values);
    }

    private static void copy(MultiMap from, ObjectNode to) {
        for (Map.Entry<String, String> e : from) {
            to.put(e.getKey(), e.getValue());
        }
    }

    boolean has(String name) {
        JsonNode v = values.get(name);
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
    }

    /** Text of a parameter; "" when absent. */
    String text(String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    /** An integer parameter, or {@code fallback} when absent; {@code what} names it in Telegram's error. */
    long number(String name, long fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = values.get(name);
        if (v.canConvertToExactIntegral() && v.canConvertToLong()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().strip());
        } catch (NumberFormatException e) {
            throw BotError.badRequest("invalid " + name + " specified");
        }
    }

    /** {@code chat_id}, required; a {@code @channelusername} is a chat this sandbox never has. */
    long chatId() {
        if (!has("chat_id")) {
            throw BotError.badRequest("chat_id is empty");
        }
        try {
            return number("chat_id", 0);
        } catch (BotError notNumeric) {
            throw BotError.chatNotFound();
        }
    }

    /** The chat id when given as a number, for the call record; null otherwise. */
    Long chatIdOrNull() {
        try {
            return has("chat_id") ? number("chat_id", 0) : null;
        } catch (BotError e) {
            return null;
        }
    }

    boolean flag(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        return v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText()) || "1".equals(v.asText());
    }

    /** An object or array parameter, given as JSON or as JSON text; null when absent. */
    JsonNode json(String name, String unparsable) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = values.get(name);
        if (!v.isTextual()) {
            return v;
        }
        try {
            return Json.MAPPER.readTree(v.asText());
        } catch (JsonProcessingException e) {
            throw BotError.badRequest(unparsable);
        }
    }

    /** {@code allowed_updates}: null when absent (keep the current setting), else the listed update types. */
    List<String> allowedUpdates() {
        JsonNode v = json("allowed_updates", "can't parse allowed updates");
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw BotError.badRequest("can't parse allowed updates");
        }
        List<String> types = new ArrayList<>();
        v.forEach(t -> types.add(t.asText()));
        return types;
    }
}
