package dev.omnibridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.RunningBridge;
import dev.omnibridge.sandbox.SandboxMessage;
import dev.omnibridge.setup.SetupGuide;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Variant 2 end to end: the real Main and route files in sandbox mode, a customer in the sandbox Telegram and an
 * operator in the sandbox Omnidesk, everything over HTTP. Each test has a chat of its own.
 */
class TelegramEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong CHATS = new AtomicLong(700_100);

    private static RunningBridge bridge;
    private static TelegramPlay play;

    @BeforeAll
    static void start() {
        bridge = RunningBridge.start(Map.of("sandbox.telegram", "true", "telegram.chat-interval-ms", "100",
                "telegram.retry.initial-delay-ms", "50", "telegram.retry.max-delay-ms", "300"));
        play = new TelegramPlay(bridge.sandbox().baseUrl(), bridge.sandbox().staffEmail(), bridge.sandbox().apiKey());
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void theBotOffersButtonsAndAPressIsAnsweredAndChosen() {
        long chat = CHATS.incrementAndGet();
        play.write(chat, "Иван", "меню");
        await().atMost(WAIT).until(() -> keyboardOf(lastBotMessage(chat)).size() == 5);
        JsonNode menu = lastBotMessage(chat);
        assertThat(menu.path("text").asText()).contains("Выберите тему");
        assertThat(keyboardOf(menu)).containsExactly("Где мой заказ", "Доставка", "Оплата", "Возврат", "Позвать оператора");

        assertThat(play.press(chat, "Доставка").statusCode()).isEqualTo(201);

        await().atMost(WAIT).until(() -> play.botTexts(chat).stream().anyMatch(t -> t.contains("Доставляем курьером")));
        assertThat(play.botTexts(chat)).hasSize(2);
        assertThat(play.botTexts(chat).get(1)).as("greeted once, in the first answer").doesNotContain("Здравствуйте");
        JsonNode view = play.chat(chat);
        // the press is answered (no spinner), the menu's buttons are gone, and nobody else was involved
        assertThat(view.path("callback_queries")).hasSize(1);
        assertThat(view.path("callback_queries").get(0).path("answered").asBoolean()).isTrue();
        assertThat(messageById(chat, menu.path("message_id").asLong()).path("keyboard").isNull()).isTrue();
        assertThat(play.casesOf(chat)).isEmpty();
        // the press is the customer's choice in the transcript an operator would read, under the buttons offered
        play.write(chat, "Иван", "оператор");
        await().atMost(WAIT).until(() -> play.casesOf(chat).size() == 1);
        assertThat(bridge.sandbox().messages(play.casesOf(chat).get(0).path("case_id").asLong()).get(0).text())
                .contains("Выберите тему:\n[Где мой заказ] [Доставка] [Оплата] [Возврат] [Позвать оператора]",
                        "Customer: Доставка");
        // a press on the old menu finds no button: its buttons are gone
        assertThat(play.press(chat, "Оплата").statusCode()).isEqualTo(409); // its buttons are gone
    }

    @Test
    void aPressOnAMenuThatIsOverIsAnsweredAndChoosesNothing() {
        long chat = CHATS.incrementAndGet();
        play.write(chat, "Иван", "меню");
        await().atMost(WAIT).until(() -> keyboardOf(lastBotMessage(chat)).size() == 5);
        long menu = lastBotMessage(chat).path("message_id").asLong();
        // Telegram refuses to take the buttons off, so the old menu still shows them after the next answer
        play.telegramFaults(TelegramPlay.JSON.createObjectNode().put("failNext", 1).put("failStatus", 400)
                .put("method", "editMessageReplyMarkup"));
        play.write(chat, "Иван", "Как оплатить?");
        await().atMost(WAIT).until(() -> play.botTexts(chat).stream().anyMatch(t -> t.contains("Оплатить можно")));
        assertThat(keyboardOf(messageById(chat, menu))).hasSize(5);

        assertThat(play.press(chat, "Доставка").statusCode()).isEqualTo(201);
        play.write(chat, "Иван", "Спасибо");   // in the same lane after the press: once it is answered, so was the press
        await().atMost(WAIT).until(() -> play.botTexts(chat).size() == 3);
        JsonNode view = play.chat(chat);
        assertThat(view.path("callback_queries").get(0).path("answered").asBoolean()).isTrue();
        assertThat(play.botTexts(chat)).noneMatch(t -> t.contains("Доставляем курьером"));
    }

    @Test
    void escalationOpensACaseWithTheTranscriptAndTheCustomerIsTold() {
        long chat = CHATS.incrementAndGet();
        play.write(chat, "Мария Петрова", "Здравствуйте");
        await().atMost(WAIT).until(() -> play.botTexts(chat).size() == 1);
        play.write(chat, "Мария Петрова", "Позовите оператора");

        await().atMost(WAIT).until(() -> play.casesOf(chat).size() == 1);
        JsonNode opened = play.casesOf(chat).get(0);
        assertThat(opened.path("channel").asText()).isEqualTo("cch1");
        assertThat(opened.path("subject").asText()).isEqualTo("Telegram: Мария Петрова");
        assertThat(opened.path("group_id").asLong()).isEqualTo(bridge.sandbox().operatorGroupId());
        List<SandboxMessage> thread = bridge.sandbox().messages(opened.path("case_id").asLong());
        String transcript = thread.get(0).text();
        assertThat(transcript).contains("Bot handoff: requested", "Мария Петрова", "Customer: Здравствуйте",
                "Bot: Здравствуйте, Мария Петрова!", "Customer: Позовите оператора");
        await().atMost(WAIT).until(() -> play.botTexts(chat).stream().anyMatch(t -> t.contains("Оператор ответит вам здесь")));
        // the bot stays silent from now on: what the customer writes goes into the case, not to the bot
        int botMessages = play.botTexts(chat).size();
        play.write(chat, "Мария Петрова", "меню");
        await().atMost(WAIT).until(() -> customerTexts(opened.path("case_id").asLong()).contains("меню"));
        assertThat(play.botTexts(chat)).hasSize(botMessages);
    }

    @Test
    void messagesGoBothWaysInOrderExactlyOnceAndNotesAndTheBotsOwnStayInOmnidesk() {
        long chat = CHATS.incrementAndGet();
        long caseId = escalate(chat);
        play.write(chat, "Олег", "раз");
        play.write(chat, "Олег", "два");
        play.write(chat, "Олег", "три");
        await().atMost(WAIT).until(() -> customerTexts(caseId).containsAll(List.of("раз", "два", "три")));
        assertThat(customerTexts(caseId)).containsSubsequence("раз", "два", "три");
        assertThat(customerTexts(caseId).stream().filter(t -> t.equals("два"))).hasSize(1);

        play.channelFaults(TelegramPlay.JSON.createObjectNode().put("duplicateDeliveries", true)); // Omnidesk posts twice
        try {
            play.operatorReplies(caseId, "Добрый день, это Анна.");
            play.operatorNote(caseId, "Клиент постоянный, дать скидку");
            play.staffWritesThroughApi(caseId, bridge.sandbox().botStaffId(), "Сообщение от имени бота");
            play.operatorRepliesHtml(caseId, "<p>Ваш заказ <b>12345</b> передан курьеру.</p><p>Трек: AB-1</p>");
            await().atMost(WAIT).until(() -> play.botTexts(chat).stream().anyMatch(t -> t.contains("Трек: AB-1")));
        } finally {
            play.channelFaults(TelegramPlay.JSON.createObjectNode().put("reset", true));
        }
        List<String> shown = afterEscalation(chat);
        assertThat(shown).containsExactly("Добрый день, это Анна.", "Ваш заказ 12345 передан курьеру.\nТрек: AB-1");
        assertThat(play.botTexts(chat)).noneMatch(t -> t.contains("скидку") || t.contains("от имени бота"));
        assertThat(bridge.metric("bridge_operator_replies_relayed_total", null)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void failuresOfOmnideskAndTelegramDelayMessagesButNeitherLoseNorDoubleThem() {
        long chat = CHATS.incrementAndGet();
        long caseId = escalate(chat);
        // Omnidesk answers 500 to the next two writes (the relay is retried, and checked in the case before it is sent
        // again); Telegram answers 429 retry_after 1 to the next two messages.
        bridge.sandbox().faults().failNextWrites(2, 500);
        play.write(chat, "Олег", "сообщение при сбое");
        play.telegramFaults(TelegramPlay.JSON.createObjectNode().put("failNext", 2).put("failStatus", 429)
                .put("retryAfter", 1).put("method", "sendMessage"));
        play.operatorReplies(caseId, "Ответ при сбое Telegram");

        await().atMost(WAIT).until(() -> customerTexts(caseId).contains("сообщение при сбое"));
        await().atMost(WAIT).until(() -> afterEscalation(chat).contains("Ответ при сбое Telegram"));
        assertThat(customerTexts(caseId).stream().filter(t -> t.equals("сообщение при сбое"))).hasSize(1);
        assertThat(afterEscalation(chat)).containsExactly("Ответ при сбое Telegram");
        long refused = 0;
        for (JsonNode call : play.telegramCalls()) {
            if (call.path("status").asInt() == 429) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCustomersDocumentGoesIntoTheCaseAsAnAttachment() {
        long chat = CHATS.incrementAndGet();
        long caseId = escalate(chat);
        byte[] pdf = "%PDF-1.4 счёт 12345".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        play.sendDocument(chat, "invoice.pdf", pdf, "Вот счёт");

        await().atMost(WAIT).until(() -> customerTexts(caseId).contains("Вот счёт"));
        SandboxMessage withFile = bridge.sandbox().messages(caseId).stream()
                .filter(m -> m.text().equals("Вот счёт")).findFirst().orElseThrow();
        assertThat(withFile.attachments()).hasSize(1);
        assertThat(withFile.attachments().get(0).fileName()).isEqualTo("invoice.pdf");
        assertThat(withFile.attachments().get(0).fileSize()).isEqualTo(pdf.length);
    }

    @Test
    void closingTheCaseGivesTheChatBackToTheBot() {
        long chat = CHATS.incrementAndGet();
        long caseId = escalate(chat);
        play.operatorReplies(caseId, "Готово, заказ отправлен.");
        await().atMost(WAIT).until(() -> afterEscalation(chat).contains("Готово, заказ отправлен."));

        play.closeCase(caseId);
        await().atMost(WAIT).until(() -> play.botTexts(chat).stream().anyMatch(t -> t.contains("Диалог с оператором завершён")));
        play.write(chat, "Олег", "А как оплатить?");
        await().atMost(WAIT).until(() -> play.botTexts(chat).stream().anyMatch(t -> t.contains("Оплатить можно картой")));
        assertThat(customerTexts(caseId)).doesNotContain("А как оплатить?");
        assertThat(play.casesOf(chat)).hasSize(1);
    }

    @Test
    void aMessageThatFindsItsCaseClosedOrRefusedIsNotLost() {
        long chat = CHATS.incrementAndGet();
        long caseId = escalate(chat);
        // closed without the bridge hearing of it (no case-closed rule): the message still reaches the case
        bridge.sandbox().setCaseClosedWebhookUrl(null);
        try {
            bridge.sandbox().closeCase(caseId);
            play.write(chat, "Олег", "вы тут?");
            await().atMost(WAIT).until(() -> customerTexts(caseId).contains("вы тут?"));
        } finally {
            bridge.sandbox().setCaseClosedWebhookUrl(SetupGuide.channelUrl("http://127.0.0.1:"
                    + bridge.setting("camel.server.port"), RunningBridge.SECRET));
        }
        // Omnidesk refuses the next one for good (404): it is not dropped, the chat's case is looked up and it goes in
        bridge.sandbox().faults().failNextWrites(1, 404);
        play.write(chat, "Олег", "ответьте пожалуйста");
        await().atMost(WAIT).until(() -> customerTexts(caseId).contains("ответьте пожалуйста"));
        assertThat(customerTexts(caseId).stream().filter(t -> t.equals("ответьте пожалуйста"))).hasSize(1);
        assertThat(afterEscalation(chat)).isEmpty(); // the bot never answered: a person has the chat
    }

    @Test
    void bothVariantsWorkInOneProcess() {
        long chat = CHATS.incrementAndGet();
        long omnideskCase = bridge.sandbox().createCase("Где мой заказ 123456?", "Иван", "ivan@example.com").caseId();
        play.write(chat, "Пётр", "Где мой заказ 654321?");
        await().atMost(WAIT).until(() -> !bridge.botMessages(omnideskCase).isEmpty());
        await().atMost(WAIT).until(() -> play.botTexts(chat).stream().anyMatch(t -> t.contains("личном кабинете")));
        assertThat(bridge.botMessages(omnideskCase).get(0)).contains("личном кабинете");
        assertThat(play.casesOf(chat)).isEmpty();
    }

    // --- helpers ---

    /** A chat handed to an operator; returns its case. */
    private static long escalate(long chat) {
        play.write(chat, "Олег", "оператор");
        await().atMost(WAIT).until(() -> play.casesOf(chat).size() == 1
                && play.botTexts(chat).stream().anyMatch(t -> t.contains("Оператор ответит вам здесь")));
        return play.casesOf(chat).get(0).path("case_id").asLong();
    }

    /** What the bot's side of the chat showed after the customer was told an operator will answer. */
    private static List<String> afterEscalation(long chat) {
        List<String> texts = play.botTexts(chat);
        int told = -1;
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains("Оператор ответит вам здесь")) {
                told = i;
            }
        }
        return new ArrayList<>(texts.subList(told + 1, texts.size()));
    }

    private static List<String> customerTexts(long caseId) {
        return bridge.sandbox().messages(caseId).stream().filter(SandboxMessage::fromCustomer).map(SandboxMessage::text)
                .toList();
    }

    private static JsonNode lastBotMessage(long chat) {
        JsonNode last = TelegramPlay.JSON.createObjectNode();
        for (JsonNode m : play.chat(chat).path("messages")) {
            if ("bot".equals(m.path("from").asText())) {
                last = m;
            }
        }
        return last;
    }

    private static JsonNode messageById(long chat, long messageId) {
        for (JsonNode m : play.chat(chat).path("messages")) {
            if (m.path("message_id").asLong() == messageId) {
                return m;
            }
        }
        throw new AssertionError("no message " + messageId + " in chat " + chat);
    }

    private static List<String> keyboardOf(JsonNode message) {
        List<String> buttons = new ArrayList<>();
        for (JsonNode row : message.path("keyboard")) {
            for (JsonNode button : row) {
                buttons.add(button.path("text").asText());
            }
        }
        return buttons;
    }
}
