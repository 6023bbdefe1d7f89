package dev.omnibridge.sandbox.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code reply_markup}: only inline keyboards are kept, as a message's buttons. {@code remove_keyboard}, reply
 * keyboards and an empty {@code inline_keyboard} all leave a message without buttons (the empty list).
 */
final class Markup {

    static final int MAX_CALLBACK_DATA_BYTES = 64;

    private Markup() {
    }

    static List<List<TelegramChat.Button>> inlineKeyboard(JsonNode markup) {
        if (markup == null || markup.isNull()) {
            return List.of();
        }
        if (!markup.isObject()) {
            throw BotError.badRequest("can't parse reply keyboard markup JSON object");
        }
        JsonNode rows = markup.get("inline_keyboard");
        if (rows == null) {
            return List.of();
        }
        if (!rows.isArray()) {
            throw BotError.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
        }
        List<List<TelegramChat.Button>> keyboard = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                throw BotError.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
            }
            List<TelegramChat.Button> buttons = new ArrayList<>();
            row.forEach(b -> buttons.add(button(b)));
            if (!buttons.isEmpty()) {
                keyboard.add(List.copyOf(buttons));
            }
        }
        return List.copyOf(keyboard);
    }

    private static TelegramChat.Button button(JsonNode b) {
        if (!b.isObject() || !b.path("text").isTextual() || b.path("text").asText().isEmpty()) {
            throw BotError.badRequest("can't parse inline keyboard button: Text is empty");
        }
        JsonNode data = b.get("callback_data");
        JsonNode url = b.get("url");
        if (data != null && !data.isNull()) {
            int bytes = data.asText().getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_CALLBACK_DATA_BYTES) {
                throw BotError.badRequest("BUTTON_DATA_INVALID");
            }
            return new TelegramChat.Button(b.get("text").asText(), data.asText(), null);
        }
        if (url != null && url.isTextual() && !url.asText().isBlank()) {
            return new TelegramChat.Button(b.get("text").asText(), null, url.asText());
        }
        throw BotError.badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    }

    /** The {@code reply_markup} of a Message; null when it shows no buttons (Telegram then leaves the field out). */
    static ObjectNode toJson(List<List<TelegramChat.Button>> keyboard) {
        if (keyboard.isEmpty()) {
            return null;
        }
        ObjectNode markup = Json.object();
        ArrayNode rows = markup.putArray("inline_keyboard");
        for (List<TelegramChat.Button> row : keyboard) {
            ArrayNode buttons = rows.addArray();
            for (TelegramChat.Button b : row) {
                ObjectNode button = buttons.addObject().put("text", b.text());
                if (b.callbackData() != null) {
                    button.put("callback_data", b.callbackData());
                } else {
                    button.put("url", b.url());
                }
            }
        }
        return markup;
    }
}
