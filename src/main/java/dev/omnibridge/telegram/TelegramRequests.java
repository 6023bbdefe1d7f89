package dev.omnibridge.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.bot.Button;
import dev.omnibridge.storage.Json;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares Bot API calls: each method takes what the call is about and returns the {@link TelegramRequest}, kept by
 * the routes in the exchange property {@value #PROPERTY} for the {@code telegram-call} route. The bot token is added
 * only when the call is made ({@link #apply}), to the request path: it never sits in an endpoint URI, a property or
 * a log line.
 */
public class TelegramRequests {

    /** Where the routes keep the prepared request. */
    public static final String PROPERTY = "telegramRequest";
    /** A button's callback data: its place in the menu, which the chat remembers with the message that shows it. */
    static final String BUTTON_PREFIX = "b";

    private String token = "";
    private int pollTimeoutSeconds = 10;
    private String webhookUrl = "";
    private String webhookSecret = "";

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public void setWebhookSecret(String webhookSecret) {
        this.webhookSecret = webhookSecret;
    }

    public void setToken(String token) {
        this.token = token == null ? "" : token.strip();
    }

    public void setPollTimeoutSeconds(int seconds) {
        this.pollTimeoutSeconds = seconds;
    }

    /** A text message; with buttons, an inline keyboard under it (one button a row, as a menu reads). */
    public TelegramRequest sendMessage(long chatId, String text, List<Button> buttons) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("chat_id", chatId).put("text", text);
        if (buttons != null && !buttons.isEmpty()) {
            ArrayNode rows = body.putObject("reply_markup").putArray("inline_keyboard");
            for (int i = 0; i < buttons.size(); i++) {
                rows.addArray().addObject().put("text", buttons.get(i).text()).put("callback_data", BUTTON_PREFIX + (i + 1));
            }
        }
        return request("sendMessage", chatId, body);
    }

    /** Every press is answered, or the customer's Telegram shows a spinner on the button. */
    public TelegramRequest answerCallback(String callbackQueryId, String text) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("callback_query_id", callbackQueryId);
        if (text != null && !text.isBlank()) {
            body.put("text", text);
        }
        return request("answerCallbackQuery", 0, body);
    }

    /** Takes the buttons off a message: they are no longer the bot's offer (a person answers, or a choice was made). */
    public TelegramRequest removeKeyboard(long chatId, long messageId) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("chat_id", chatId).put("message_id", messageId);
        body.putObject("reply_markup").putArray("inline_keyboard");
        return request("editMessageReplyMarkup", chatId, body);
    }

    public TelegramRequest typing(long chatId) {
        return request("sendChatAction", chatId, Json.MAPPER.createObjectNode().put("chat_id", chatId).put("action", "typing"));
    }

    /** Long polling from {@code offset}: confirms every update below it. */
    public TelegramRequest getUpdates(long offset) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("offset", offset).put("timeout", pollTimeoutSeconds)
                .put("limit", 100);
        body.putArray("allowed_updates").add("message").add("callback_query");
        return request("getUpdates", 0, body);
    }

    public TelegramRequest getFile(long chatId, String fileId) {
        return request("getFile", chatId, Json.MAPPER.createObjectNode().put("file_id", fileId));
    }

    /** Webhook mode: the bridge registers itself, with the secret Telegram then sends on every request. */
    public TelegramRequest setWebhook() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("url", webhookUrl).put("secret_token", webhookSecret);
        body.putArray("allowed_updates").add("message").add("callback_query");
        return request("setWebhook", 0, body);
    }

    /** Polling mode: a webhook left by an earlier deployment would make every poll fail with 409. */
    public TelegramRequest deleteWebhook() {
        return request("deleteWebhook", 0, Json.MAPPER.createObjectNode());
    }

    /** First step of every attempt: the request on the message, the token in its path. */
    public void apply(@ExchangeProperty(PROPERTY) TelegramRequest request, Message message) {
        message.removeHeaders("*", "CamelRedelivery*", "CamelRedelivered");
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        message.setHeader(Exchange.HTTP_PATH, "/bot" + token + "/" + request.method());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setBody(request.body());
    }

    /** A file's download (for the pace, the retries and the logs: the path comes from {@link #applyDownload}). */
    public TelegramRequest download(long chatId) {
        return new TelegramRequest("file", chatId, "");
    }

    /** The path of a file to download ({@code getFile}'s {@code file_path}), token included. */
    public void applyDownload(@Variable("filePath") String filePath, Message message) {
        message.removeHeaders("*", "CamelRedelivery*", "CamelRedelivered");
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.GET);
        message.setHeader(Exchange.HTTP_PATH, "/file/bot" + token + "/" + filePath);
        message.setBody(null);
    }

    private static TelegramRequest request(String method, long chatId, ObjectNode body) {
        try {
            return new TelegramRequest(method, chatId, Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
