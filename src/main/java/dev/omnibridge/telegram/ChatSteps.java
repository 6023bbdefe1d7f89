package dev.omnibridge.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.ButtonMenu;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.bot.HandoffNote;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.omnidesk.KeyedListReader;
import dev.omnibridge.omnidesk.OmnideskCallException;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a chat's turn (routes/telegram-chat.yaml), each taking the turn and what the route just got, and
 * returning what the route branches on. The one place that changes who has a chat.
 */
public class ChatSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSteps.class);

    private ChatStore store;
    private HandoffNote handoffNote;
    private boolean mirrored;

    public void setStore(ChatStore store) {
        this.store = store;
    }

    /** telegram.mirror: "always" mirrors every bot conversation into a case. */
    public void setMirror(String mirror) {
        this.mirrored = "always".equals(mirror);
    }

    public void setHandoffNote(HandoffNote handoffNote) {
        this.handoffNote = handoffNote;
    }

    /** The turn of an event: the chat's state (a new chat is the bot's). */
    public ChatTurn open(ChatEvent event, Boolean recovered) {
        boolean newChat = !store.knows(event.chatId());
        ChatState chat = store.load(event.chatId());
        if (!event.customerName().isBlank()) {
            chat.setCustomerName(event.customerName());
        }
        return new ChatTurn(event, chat, Boolean.TRUE.equals(recovered), newChat);
    }

    /**
     * A customer the bridge has no state for may have a case open in the channel (the state was lost, or the chat
     * was escalated by another installation): then the chat is that case's, and a person has it — with mirroring, its
     * conversation is mirrored there and the bot keeps it.
     */
    public void rebuild(ChatTurn turn, JsonNode cases) {
        JsonNode found = openCase(cases);
        if (found != null && caseOpened(turn, found)) {
            if (!mirrored) {
                turn.getChat().setOwner(ChatOwner.OPERATOR);
                turn.getDialog().takenOver(System.currentTimeMillis(), false);
            }
            LOG.info("Chat {}: no state here; Omnidesk has its open case {}, {}", turn.getChatId(), turn.getCaseId(),
                    mirrored ? "mirrored (the bot keeps the chat)" : "so a person has the chat");
        }
    }

    /** The event was dealt with before the last stop (its inbox entry outlived the chat's save). */
    public boolean alreadyHandled(ChatTurn turn) {
        return turn.getChat().handled(turn.getEvent().key());
    }

    /**
     * A press of one of the bot's buttons becomes the customer's choice: the button's text, as if typed. A press on
     * a message whose buttons are no longer the bot's offer (an older menu, or a person has the chat) chooses nothing.
     */
    public boolean choose(ChatTurn turn) {
        ChatState chat = turn.getChat();
        ChatEvent press = turn.getEvent();
        String data = press.callbackData() == null ? "" : press.callbackData();
        if (chat.getOwner() != ChatOwner.BOT || press.pressed() != chat.getKeyboardMessageId()
                || !data.startsWith(TelegramRequests.BUTTON_PREFIX)) {
            return false;
        }
        Optional<Button> button = ButtonMenu.peek(chat.getDialog(), data.substring(TelegramRequests.BUTTON_PREFIX.length()));
        button.ifPresent(b -> turn.setText(b.text()));
        return button.isPresent();
    }

    /** The message whose buttons must come off before anything else is shown (0: none). */
    public long takeKeyboard(ChatTurn turn) {
        long messageId = turn.getChat().getKeyboardMessageId();
        turn.getChat().setKeyboardMessageId(0);
        return messageId;
    }

    /** The customer's message, in the bot's transcript. */
    public void customerSaid(ChatTurn turn) {
        DialogState dialog = turn.getDialog();
        dialog.addCustomerLine(turn.getText(), turn.getEvent().receivedAt());
    }

    /**
     * A message the bot sent; the one with buttons is remembered (its buttons come off when they are over). The
     * dialog is under way: no greeting from now on.
     */
    public void botSaid(ChatTurn turn, TelegramRequest request, JsonNode sent) {
        turn.getDialog().setNewDialog(false);
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            StringBuilder said = new StringBuilder(body.path("text").asText());
            // the transcript shows the buttons offered, so an operator reads the customer's press in context
            for (JsonNode row : body.path("reply_markup").path("inline_keyboard")) {
                for (JsonNode button : row) {
                    said.append(said.indexOf("\n[") < 0 ? "\n" : " ").append('[').append(button.path("text").asText())
                            .append(']');
                }
            }
            turn.getDialog().recordSent(said.toString(), System.currentTimeMillis(), true);
            if (body.has("reply_markup") && sent != null) {
                turn.getChat().setKeyboardMessageId(sent.path("message_id").asLong());
            }
        } catch (IOException e) {
            throw new IllegalStateException("a prepared request is always JSON", e);
        }
    }

    /** The bot lets go: the chat waits for an operator, and the bot says nothing more. */
    public void handOver(ChatTurn turn, Handoff handoff) {
        ChatState chat = turn.getChat();
        chat.setOwner(ChatOwner.WAITING);
        chat.setEscalatedAt(System.currentTimeMillis());
        chat.setHandoffReason(handoff == null ? Handoff.REQUESTED : handoff.reason());
        chat.setHandoffDetail(handoff == null ? "" : handoff.detail());
        chat.getDialog().handOverToOperator(System.currentTimeMillis());
    }

    /** The new case's first message: why the bot handed over, and the conversation so far, as the operator reads it. */
    public String caseContent(ChatTurn turn) {
        ChatState chat = turn.getChat();
        Handoff handoff = new Handoff(chat.getHandoffReason().isBlank() ? Handoff.REQUESTED : chat.getHandoffReason(),
                chat.getHandoffDetail());
        return handoffNote.compose(handoff, turn.getMessage().visitor(), chat.getDialog().getTranscript());
    }

    /**
     * Takes the case from Omnidesk's answer (a list of the chat's open cases, a created case, or null): true while the
     * chat still has none.
     */
    public boolean noCase(ChatTurn turn, JsonNode answer) {
        JsonNode found = answer == null || answer.isNull() ? null
                : answer.has("case") ? answer : openCase(answer);
        return !caseOpened(turn, found);
    }

    /**
     * True when Omnidesk refused the customer's message for good (404 case_not_found, or another 4xx for a case it
     * will not take a message in any more): the chat gets a new case with it, so the message is not lost.
     */
    public boolean caseGone(ChatTurn turn, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OmnideskCallException call && call.status() >= 400 && call.status() < 500
                    && call.status() != 408 && call.status() != 429) {
                LOG.warn("Chat {}: case {} is gone; a new case is opened", turn.getChatId(), turn.getCaseId());
                turn.getChat().setCaseId(0);
                turn.getChat().setLastRelayedMessageId(0);
                return true;
            }
        }
        return false;
    }

    /** Mirroring: the first message of a bot conversation's case, the conversation so far. */
    public String mirrorContent(ChatTurn turn) {
        return "Bot conversation in Telegram" + handoffNote.conversation(turn.getMessage().visitor(),
                turn.getDialog().getTranscript());
    }

    /** Mirroring: the bot's answer of this turn as a note; null when it said nothing. */
    public String mirrorNote(BotTurn botTurn) {
        List<String> said = new ArrayList<>(botTurn.replies());
        if (!botTurn.buttons().isEmpty()) {
            said.add(ButtonMenu.render(botTurn.buttons()));
        }
        return said.isEmpty() ? null : "Bot: " + String.join("\n\n", said);
    }

    /** True while the chat is escalated but its case is not known yet (its creation was parked, or is this turn). */
    public boolean needsCase(ChatTurn turn) {
        return turn.getChat().getOwner() != ChatOwner.BOT && turn.getChat().getCaseId() <= 0;
    }

    /** From the chat's open cases in the channel (GET cases by user_custom_id), the newest, or null. */
    public JsonNode openCase(JsonNode cases) {
        if (cases == null) {
            return null;
        }
        List<JsonNode> found = KeyedListReader.items(cases, "case");
        return found.stream().filter(c -> !"closed".equals(c.path("status").asText())).findFirst().orElse(null);
    }

    /** The case the chat is now relayed to ({"case": {…}} or a bare case); false when there is none. */
    public boolean caseOpened(ChatTurn turn, JsonNode answer) {
        JsonNode found = answer == null ? null : answer.has("case") ? answer.path("case") : answer;
        if (found == null || found.path("case_id").asLong() <= 0) {
            return false;
        }
        ChatState chat = turn.getChat();
        chat.setCaseId(found.path("case_id").asLong());
        chat.setUserId(found.path("user_id").asLong());
        LOG.info("Chat {}: Omnidesk case {} is open for it", chat.getChatId(), chat.getCaseId());
        return true;
    }

    /** The customer's message is in the case: later checks look only after it. */
    public void relayed(ChatTurn turn, JsonNode answer) {
        long messageId = answer == null ? 0 : answer.path("message").path("message_id").asLong();
        if (messageId > 0) {
            turn.getChat().setLastRelayedMessageId(messageId);
        }
    }

    /** An operator's reply in the chat's case (or an earlier one of the chat's): the operator has the chat now. */
    public void operatorAnswered(ChatTurn turn) {
        ChatState chat = turn.getChat();
        if (chat.getOwner() == ChatOwner.BOT) {
            // A person wrote in a case of this chat while the bot had it (a mirrored conversation, a case reopened):
            // one owner at a time, and it is the person.
            chat.getDialog().takenOver(System.currentTimeMillis(), false);
        }
        chat.setOwner(ChatOwner.OPERATOR);
        if (turn.getEvent().caseId() > 0) {
            chat.setCaseId(turn.getEvent().caseId());
        }
    }

    /**
     * The chat's case was closed: back to the bot, with a fresh dialog. False for another (older) case, and for a
     * mirrored conversation's case (the bot has the chat; its next conversation gets a new case).
     */
    public boolean closed(ChatTurn turn) {
        ChatState chat = turn.getChat();
        if (chat.getCaseId() != turn.getEvent().caseId()) {
            return false;
        }
        if (chat.getOwner() == ChatOwner.BOT) {
            chat.setCaseId(0);
            chat.setLastRelayedMessageId(0);
            return false;
        }
        chat.backToBot(System.currentTimeMillis());
        LOG.info("Chat {}: case {} is closed; the bot has the chat again", chat.getChatId(), turn.getEvent().caseId());
        return true;
    }

    /** The end of every turn: the event is dealt with, and the chat's state is on disk before its inbox entry goes. */
    public void save(ChatTurn turn) {
        turn.getChat().markHandled(turn.getEvent().key());
        store.save(turn.getChat());
    }

    /** A channel webhook's chat: the custom user id it carries, else the chat the case belongs to (null: none). */
    public ChatEvent withChat(ChatEvent event) {
        if (event.chatId() != 0) {
            return event;
        }
        Optional<Long> chat = store.chatOfCase(event.caseId());
        if (chat.isEmpty()) {
            LOG.warn("Channel webhook about case {}, which belongs to no Telegram chat of this bridge: ignored",
                    event.caseId());
            return null;
        }
        return event.withChatId(chat.get());
    }
}
