package dev.omnibridge.bot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bot behind Webim's External Bot API 1.0, the synchronous contract hosted bot builders still accept. The bridge
 * plays Webim: the first message of a dialog is a {@code new_chat} event (as Webim opens every chat), later ones are
 * {@code new_message} events, and a numbered-list answer to the bot's keyboard goes back as a
 * {@code keyboard_response} with the button. The chat id is the Omnidesk case id.
 *
 * <pre>
 * → {"event":"new_message","chat":{"id":"5001"},"kind":"visitor","text":"Где заказ?","visitor":{…}}
 * ← {"has_answer":true,"messages":[{"kind":"operator","text":"…"},
 *                                  {"kind":"keyboard","buttons":[[{"id":"a","text":"…"}]]}]}
 * ← {"has_answer":false}                                            (give the chat to an operator)
 * </pre>
 */
public class WebimBot implements EngineContract {

    static final String ENGINE = "webim";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private boolean newChatEvent = true;

    /** True (default): open each dialog with {@code new_chat}, as Webim does; false: {@code new_message} only. */
    public void setNewChatEvent(boolean newChatEvent) {
        this.newChatEvent = newChatEvent;
    }

    @Override
    public String engine() {
        return ENGINE;
    }


    @Override
    public EngineAnswer read(DialogState dialog, JsonNode answer) {
        return read(answer);
    }

    /** The dialog's first message opens the chat ({@code new_chat} carries it), as Webim does; one call per turn. */
    @Override
    public ObjectNode request(DialogState dialog, WebhookEvent message, Optional<Button> chosen) {
        ObjectNode request = NODES.objectNode();
        request.putObject("chat").put("id", Long.toString(message.caseId()));
        if (newChatEvent && dialog.isNewDialog()) {
            request.put("event", "new_chat");
            request.set("visitor", visitor(message.visitor()));
            request.putArray("messages").addObject().put("kind", "visitor").put("text", message.text());
            return request;
        }
        request.put("event", "new_message");
        if (chosen.isPresent()) {
            request.put("kind", "keyboard_response");
            request.putObject("response").putObject("button")
                    .put("id", chosen.get().id()).put("text", chosen.get().text());
            request.put("text", chosen.get().text());
        } else {
            request.put("kind", "visitor");
            request.put("text", message.text());
        }
        request.set("visitor", visitor(message.visitor()));
        return request;
    }

    private static ObjectNode visitor(Visitor visitor) {
        ObjectNode node = NODES.objectNode().put("id", visitor.id());
        node.putObject("fields").put("name", visitor.name()).put("email", visitor.email())
                .put("phone", visitor.phone());
        return node;
    }

    static EngineAnswer read(JsonNode answer) {
        if (!answer.isObject() || !answer.path("has_answer").isBoolean()) {
            throw EngineException.garbage("Webim answer without a has_answer flag");
        }
        JsonNode messages = answer.path("messages");
        if (!messages.isMissingNode() && !messages.isNull() && !messages.isArray()) {
            throw EngineException.garbage("Webim answer with messages that are not a list");
        }
        List<String> replies = new ArrayList<>();
        List<Button> buttons = new ArrayList<>();
        for (JsonNode m : messages) {
            String kind = m.path("kind").asText("");
            if ("operator".equals(kind) && m.path("text").isTextual()) {
                replies.add(m.path("text").asText());
            } else if ("keyboard".equals(kind)) {
                readKeyboard(m.path("buttons"), buttons);
            }
            // Other kinds (files, for one) have no text form here; the bot's text replies still go out.
        }
        Handoff handoff = answer.path("has_answer").asBoolean()
                ? null
                : new Handoff(Handoff.BOT_DECIDED, "The Webim bot has no answer (has_answer: false)");
        return new EngineAnswer(replies, buttons, handoff);
    }

    /** Rows of buttons ({@code [[{…},{…}],[{…}]]}); a flat list is read too. */
    private static void readKeyboard(JsonNode rows, List<Button> into) {
        if (!rows.isArray()) {
            throw EngineException.garbage("Webim keyboard without a buttons list");
        }
        for (JsonNode row : rows) {
            for (JsonNode button : row.isArray() ? row : NODES.arrayNode().add(row)) {
                if (!button.isObject() || !button.path("text").isTextual()) {
                    throw EngineException.garbage("Webim keyboard button without text");
                }
                into.add(new Button(button.path("id").asText(""), button.path("text").asText()));
            }
        }
    }
}
