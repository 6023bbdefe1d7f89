package dev.omnibridge.sandbox.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;
import dev.omnibridge.sandbox.support.SandboxException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;

/**
 * {@code /sandbox/telegram}: play the customer in a Telegram chat (write, send a file, press a button), read the chat
 * as the customer sees it, see the bot's calls, flip Telegram's fault switches. JSON in, indented JSON out, errors as
 * {@code {"error": "..."}} like the rest of {@code /sandbox}.
 */
final class TelegramControlApi {

    private final SandboxTelegram telegram;

    TelegramControlApi(SandboxTelegram telegram) {
        this.telegram = telegram;
    }

    void mount(Router router) {
        router.get("/sandbox/telegram").handler(ctx -> Json.sendPretty(ctx, 200, telegram.overview()));
        router.get("/sandbox/telegram/calls").handler(this::calls);
        router.get("/sandbox/telegram/faults").handler(ctx -> Json.sendPretty(ctx, 200, faultsNode()));
        router.post("/sandbox/telegram/faults").handler(this::setFaults);
        router.get("/sandbox/telegram/chats/:chatId").handler(this::chat);
        router.post("/sandbox/telegram/chats/:chatId/messages").handler(this::message);
        router.post("/sandbox/telegram/chats/:chatId/documents").handler(this::document);
        router.post("/sandbox/telegram/chats/:chatId/photos").handler(this::photo);
        router.post("/sandbox/telegram/chats/:chatId/press").handler(this::press);
    }

    private void message(RoutingContext ctx) {
        ObjectNode body = Json.body(ctx);
        TelegramBook.Sent sent = telegram.write(chatId(ctx), text(body, "name"), text(body, "text"));
        Json.sendPretty(ctx, 201, sentNode(sent));
    }

    private void document(RoutingContext ctx) {
        ObjectNode body = Json.body(ctx);
        String fileName = text(body, "file_name");
        String mimeType = text(body, "mime_type");
        TelegramBook.Sent sent = telegram.sendDocument(chatId(ctx), text(body, "name"),
                fileName.isBlank() ? "file" : fileName, mimeType.isBlank() ? "application/octet-stream" : mimeType,
                content(body), text(body, "caption"));
        Json.sendPretty(ctx, 201, sentNode(sent));
    }

    private void photo(RoutingContext ctx) {
        ObjectNode body = Json.body(ctx);
        TelegramBook.Sent sent = telegram.sendPhoto(chatId(ctx), text(body, "name"), content(body),
                text(body, "caption"));
        Json.sendPretty(ctx, 201, sentNode(sent));
    }

    /** By the button's text or by its callback_data. */
    private void press(RoutingContext ctx) {
        ObjectNode body = Json.body(ctx);
        String text = text(body, "text");
        String data = text(body, "callback_data");
        if (text.isEmpty() && data.isEmpty()) {
            throw new SandboxException(400, "text_or_callback_data_required");
        }
        PressedButton pressed = text.isEmpty()
                ? telegram.pressData(chatId(ctx), data)
                : telegram.press(chatId(ctx), text);
        Json.sendPretty(ctx, 201, Json.object()
                .put("update_id", pressed.updateId())
                .put("callback_query_id", pressed.callbackQueryId()));
    }

    private void chat(RoutingContext ctx) {
        TelegramChat chat = telegram.chat(chatId(ctx));
        if (chat == null) {
            throw new SandboxException(404, "chat_not_found");
        }
        ObjectNode view = Json.object().put("chat_id", chat.chatId());
        ArrayNode messages = view.putArray("messages");
        for (TelegramChat.Message m : chat.messages()) {
            ObjectNode line = messages.addObject()
                    .put("message_id", m.messageId())
                    .put("from", m.from())
                    .put("text", m.text());
            if (m.keyboard().isEmpty()) {
                line.putNull("keyboard");
            } else {
                ArrayNode rows = line.putArray("keyboard");
                for (List<TelegramChat.Button> row : m.keyboard()) {
                    ArrayNode buttons = rows.addArray();
                    row.forEach(b -> buttons.addObject().put("text", b.text()).put("callback_data", b.callbackData()));
                }
            }
            line.put("date", m.date());
        }
        ArrayNode queries = view.putArray("callback_queries");
        for (TelegramChat.CallbackQuery q : chat.callbackQueries()) {
            queries.addObject()
                    .put("id", q.id())
                    .put("message_id", q.messageId())
                    .put("data", q.data())
                    .put("answered", q.answered())
                    .put("answer_text", q.answerText());
        }
        ArrayNode actions = view.putArray("actions");
        chat.actions().forEach(actions::add);
        Json.sendPretty(ctx, 200, view);
    }

    private void calls(RoutingContext ctx) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (TelegramCall call : telegram.calls()) {
            ObjectNode node = list.addObject()
                    .put("method", call.method())
                    .put("path", call.path());
            if (call.chatId() == null) {
                node.putNull("chat_id");
            } else {
                node.put("chat_id", call.chatId());
            }
            node.put("status", call.status())
                    .put("description", call.description())
                    .put("timestamp", call.timestamp().toString());
        }
        Json.sendPretty(ctx, 200, list);
    }

    /** {@code reset} first, then {@code failNext} (with failStatus, retryAfter, method) and {@code perChatLimit}. */
    private void setFaults(RoutingContext ctx) {
        ObjectNode body = Json.body(ctx);
        TelegramFaults faults = telegram.faults();
        try {
            if (body.path("reset").asBoolean(false)) {
                faults.reset();
            }
            if (body.hasNonNull("failNext")) {
                faults.failNext(Math.toIntExact(number(body, "failNext", 0)),
                        Math.toIntExact(number(body, "failStatus", 500)), number(body, "retryAfter", 1),
                        text(body, "method"));
            }
            if (body.has("perChatLimit")) {
                faults.perChatLimit(body.path("perChatLimit").asBoolean(false));
            }
        } catch (IllegalArgumentException | ArithmeticException outOfRange) {
            throw new SandboxException(400, "invalid_fault");
        }
        Json.sendPretty(ctx, 200, faultsNode());
    }

    private ObjectNode faultsNode() {
        TelegramFaults faults = telegram.faults();
        return Json.object()
                .put("failNext", faults.pendingFailures())
                .put("failStatus", faults.failStatus())
                .put("retryAfter", faults.retryAfter())
                .put("method", faults.method())
                .put("perChatLimit", faults.perChatLimit());
    }

    private static ObjectNode sentNode(TelegramBook.Sent sent) {
        return Json.object().put("update_id", sent.updateId()).put("message_id", sent.messageId());
    }

    private static byte[] content(ObjectNode body) {
        String base64 = text(body, "content_base64");
        try {
            byte[] content = Base64.getMimeDecoder().decode(base64);
            if (content.length == 0) {
                throw new SandboxException(400, "content_base64_required");
            }
            return content;
        } catch (IllegalArgumentException notBase64) {
            throw new SandboxException(400, "invalid_content_base64");
        }
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isValueNode()) {
            throw new SandboxException(400, "invalid_" + name);
        }
        return value.asText();
    }

    private static long number(JsonNode body, String name, long fallback) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return value.asLong();
        }
        throw new SandboxException(400, "invalid_" + name);
    }

    private static long chatId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("chatId"));
        } catch (NumberFormatException e) {
            throw new SandboxException(404, "chat_not_found");
        }
    }
}
