package dev.omnibridge.bot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small helpers for the engines' unit tests. */
final class Engines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Engines() {}

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WebhookEvent message(long caseId, String text) {
        return new WebhookEvent(caseId, "new_message", "visitor", text,
                new Visitor("77", "Иван", "ivan@example.com", "+79990000000"), 0);
    }
}
