package dev.omnibridge.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.telegram.ChatEvent.ChatFile;
import dev.omnibridge.storage.Json;
import dev.omnibridge.webhook.BadWebhookException;
import dev.omnibridge.webhook.TolerantWebhookParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Telegram updates (from {@code getUpdates} or the webhook) into {@link ChatEvent}s. Only private chats'
 * messages and button presses are the customer's; anything else (an edited message, a group, a channel post, the
 * bot added somewhere) is confirmed and left alone.
 */
public class TelegramUpdates {

    /** getUpdates' answer, oldest first. */
    public List<JsonNode> list(JsonNode result) {
        List<JsonNode> updates = new ArrayList<>();
        result.forEach(updates::add);
        return updates;
    }

    /** The offset that confirms every update of the answer (the highest update_id + 1), or {@code current}. */
    public long nextOffset(JsonNode result, long current) {
        long next = current;
        for (JsonNode update : result) {
            next = Math.max(next, update.path("update_id").asLong() + 1);
        }
        return next;
    }

    /** An update Telegram POSTed to the webhook; null when it is not the customer's. */
    public ChatEvent eventOf(String body) {
        try {
            return event(Json.MAPPER.readTree(body));
        } catch (IOException e) {
            throw new BadWebhookException(TolerantWebhookParser.UNPARSEABLE, "The update is not JSON.");
        }
    }

    /** The update as the customer's event, or null when it is not one. */
    public ChatEvent event(JsonNode update) {
        long updateId = update.path("update_id").asLong(-1);
        if (updateId < 0) {
            return null;
        }
        JsonNode message = update.path("message");
        if (message.isObject() && "private".equals(message.path("chat").path("type").asText("private"))) {
            long chatId = message.path("chat").path("id").asLong();
            String text = message.hasNonNull("text") ? message.path("text").asText() : message.path("caption").asText("");
            List<ChatFile> files = files(message);
            if (chatId == 0 || (text.isBlank() && files.isEmpty())) {
                return null;
            }
            return ChatEvent.customerMessage(updateId, chatId, name(message.path("from")), text, files);
        }
        JsonNode press = update.path("callback_query");
        if (press.isObject()) {
            long chatId = press.path("message").path("chat").path("id").asLong(); // Camel's model has no chat id here
            if (chatId == 0) {
                return null;
            }
            return ChatEvent.buttonPress(updateId, chatId, name(press.path("from")), press.path("id").asText(),
                    press.path("message").path("message_id").asLong(), press.path("data").asText(""));
        }
        return null;
    }

    /** A document as it is; a photo in its largest size (Telegram lists the sizes smallest first). */
    private static List<ChatFile> files(JsonNode message) {
        List<ChatFile> files = new ArrayList<>();
        JsonNode document = message.path("document");
        if (document.isObject()) {
            files.add(new ChatFile(document.path("file_id").asText(), document.path("file_name").asText("document"),
                    document.path("mime_type").asText("application/octet-stream")));
        }
        JsonNode photos = message.path("photo");
        if (photos.isArray() && !photos.isEmpty()) {
            JsonNode largest = photos.get(photos.size() - 1);
            files.add(new ChatFile(largest.path("file_id").asText(), "photo-" + message.path("message_id").asLong() + ".jpg",
                    "image/jpeg"));
        }
        return files;
    }

    private static String name(JsonNode from) {
        String name = (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).strip();
        return name.isEmpty() ? from.path("username").asText("") : name;
    }
}
