package dev.omnibridge.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Reads a Bot API answer: {@code {"ok": true, "result": …}} becomes the result; anything else a
 * {@link TelegramCallException}, and a 429 also pauses the chat (or the whole bot) for its {@code retry_after}.
 */
public class TelegramResponses {

    private TelegramPace pace;

    public void setPace(TelegramPace pace) {
        this.pace = pace;
    }

    public JsonNode read(@ExchangeProperty(TelegramRequests.PROPERTY) TelegramRequest request,
            @Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body byte[] body) {
        int code = status == null ? 0 : status;
        JsonNode answer = parse(body);
        if (code >= 200 && code < 300 && answer.path("ok").asBoolean(false)) {
            return answer.path("result");
        }
        long retryAfter = answer.path("parameters").path("retry_after").asLong(0);
        if (code == 429 && pace != null) {
            pace.pause(request.chatId(), Math.max(1, retryAfter));
        }
        throw new TelegramCallException(request.method(), code, describe(answer), retryAfter);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    /** Telegram's description, kept short ("Bad Request: chat not found", "Too Many Requests: retry after 3"). */
    private static String describe(JsonNode answer) {
        String description = answer.path("description").asText("");
        return description.length() > 200 ? description.substring(0, 200) : description;
    }
}
