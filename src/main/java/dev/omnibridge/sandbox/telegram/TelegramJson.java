package dev.omnibridge.sandbox.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;

/** Telegram's User and Chat objects, field for field; optional fields are left out, as Telegram does. */
final class TelegramJson {

    static final String BOT_NAME = "Sandbox bot";

    private TelegramJson() {
    }

    static ObjectNode user(TelegramBook.Customer c) {
        ObjectNode u = Json.object().put("id", c.chatId()).put("is_bot", false).put("first_name", c.firstName());
        if (!c.lastName().isEmpty()) {
            u.put("last_name", c.lastName());
        }
        return u.put("username", c.username()).put("language_code", "ru");
    }

    static ObjectNode chat(TelegramBook.Customer c) {
        ObjectNode chat = Json.object().put("id", c.chatId()).put("type", "private").put("first_name", c.firstName());
        if (!c.lastName().isEmpty()) {
            chat.put("last_name", c.lastName());
        }
        return chat.put("username", c.username());
    }

    static ObjectNode bot(long botId) {
        return Json.object().put("id", botId).put("is_bot", true).put("first_name", BOT_NAME);
    }

    /** {@code getMe}: the bot and what it may do. */
    static ObjectNode me(long botId) {
        return bot(botId)
                .put("username", "omnibridge_sandbox_bot")
                .put("can_join_groups", false)
                .put("can_read_all_group_messages", false)
                .put("supports_inline_queries", false);
    }
}
