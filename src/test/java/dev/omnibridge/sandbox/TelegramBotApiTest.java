package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.sandbox.telegram.SandboxTelegram;
import dev.omnibridge.sandbox.telegram.TelegramCall;
import dev.omnibridge.sandbox.telegram.TelegramChat;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sandbox Telegram Bot API, spoken to over HTTP the way a bridge would, with the customer played in-process. */
class TelegramBotApiTest {

    private static final long CHAT = 123456789L;
    private static final String KEYBOARD = "{\"inline_keyboard\": [[{\"text\": \"Оператор\", \"callback_data\": \"handoff\"},"
            + " {\"text\": \"Статус заказа\", \"callback_data\": \"order:status\"}]]}";

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private SandboxTelegram telegram;
    private ApiClient http;

    @BeforeEach
    void start() {
        telegram = sandbox.get().telegram();
        http = ApiClient.anonymous(sandbox.get());
    }

    private HttpResponse<String> bot(String method, String json) {
        return http.post("/bot" + telegram.token() + "/" + method, json);
    }

    private JsonNode ok(String method, String json) {
        HttpResponse<String> r = bot(method, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("ok").asBoolean()).isTrue();
        return body.get("result");
    }

    private static void assertRefused(HttpResponse<String> r, int code, String description) {
        assertThat(r.statusCode()).isEqualTo(code);
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("error_code").asInt()).isEqualTo(code);
        assertThat(body.get("description").asText()).isEqualTo(description);
    }

    @Test
    void longPollReturnsAsSoonAsAnUpdateArrivesAndAnOffsetConfirmsIt() {
        CompletableFuture.runAsync(() -> telegram.customerWrites(CHAT, "Иван Петров", "Где мой заказ?"),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        long started = System.nanoTime();
        JsonNode updates = ok("getUpdates", "{\"timeout\": 20}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        assertThat(updates).hasSize(1);
        JsonNode update = updates.get(0);
        assertThat(update.get("update_id").asLong()).isGreaterThanOrEqualTo(400_000_000L);
        JsonNode message = update.get("message");
        assertThat(message.get("message_id").asLong()).isPositive();
        assertThat(message.get("from").get("id").asLong()).isEqualTo(CHAT);
        assertThat(message.get("from").get("is_bot").asBoolean()).isFalse();
        assertThat(message.get("from").get("first_name").asText()).isEqualTo("Иван");
        assertThat(message.get("from").get("last_name").asText()).isEqualTo("Петров");
        assertThat(message.get("chat").get("id").asLong()).isEqualTo(CHAT);
        assertThat(message.get("chat").get("type").asText()).isEqualTo("private");
        assertThat(message.get("date").asLong()).isGreaterThan(1_700_000_000L);
        assertThat(message.get("text").asText()).isEqualTo("Где мой заказ?");

        long next = telegram.customerWrites(CHAT, null, "Алло?");
        assertThat(next).isEqualTo(update.get("update_id").asLong() + 1);
        assertThat(ok("getUpdates", "{\"offset\": " + next + ", \"timeout\": 0}")).hasSize(1);
        assertThat(telegram.pendingUpdates()).isEqualTo(1);
        assertThat(ok("getUpdates", "{\"offset\": " + (next + 1) + "}")).isEmpty();
        assertThat(telegram.pendingUpdates()).isZero();
    }

    @Test
    void allowedUpdatesLeavesOutOtherKindsAndANewerPollEndsAnOlderOne() {
        telegram.customerWrites(CHAT, "Иван", "Привет");
        assertThat(ok("getUpdates", "{\"allowed_updates\": [\"callback_query\"]}")).isEmpty();
        assertThat(telegram.pendingUpdates()).isZero();

        CompletableFuture<HttpResponse<String>> older = CompletableFuture.supplyAsync(() -> bot("getUpdates",
                "{\"timeout\": 20, \"allowed_updates\": []}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            bot("getUpdates", "{\"timeout\": 0}");
            return older.isDone();
        });
        assertRefused(older.join(), 409, "Conflict: terminated by other getUpdates request; make sure that only one"
                + " bot instance is running");
    }

    @Test
    void aMessageWithAnInlineKeyboardShowsInTheChat() {
        telegram.customerWrites(CHAT, "Иван", "Привет");
        JsonNode sent = ok("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"Чем помочь?\", \"reply_markup\": "
                + KEYBOARD + "}");
        assertThat(sent.get("from").get("is_bot").asBoolean()).isTrue();
        assertThat(sent.get("from").get("id").asLong()).isEqualTo(telegram.botId());
        assertThat(sent.get("chat").get("id").asLong()).isEqualTo(CHAT);
        assertThat(sent.get("text").asText()).isEqualTo("Чем помочь?");
        assertThat(sent.get("reply_markup").get("inline_keyboard").get(0).get(1).get("callback_data").asText())
                .isEqualTo("order:status");

        JsonNode chat = ApiClient.json(http.get("/sandbox/telegram/chats/" + CHAT));
        assertThat(chat.get("chat_id").asLong()).isEqualTo(CHAT);
        JsonNode lines = chat.get("messages");
        assertThat(lines).extracting(m -> m.get("from").asText()).containsExactly("customer", "bot");
        assertThat(lines.get(0).get("keyboard").isNull()).isTrue();
        assertThat(lines.get(1).get("message_id").asLong()).isEqualTo(sent.get("message_id").asLong());
        assertThat(lines.get(1).get("keyboard").toString())
                .isEqualTo("[[{\"text\":\"Оператор\",\"callback_data\":\"handoff\"},"
                        + "{\"text\":\"Статус заказа\",\"callback_data\":\"order:status\"}]]");
    }

    @Test
    void aPressIsACallbackQueryAnsweredOnlyOnce() {
        telegram.customerWrites(CHAT, "Иван", "Привет");
        long keyboardMessage = ok("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"Меню\", \"reply_markup\": "
                + KEYBOARD + "}").get("message_id").asLong();
        long offset = ok("getUpdates", "{}").get(0).get("update_id").asLong() + 1;

        HttpResponse<String> pressed = http.post("/sandbox/telegram/chats/" + CHAT + "/press", "{\"text\": \"Оператор\"}");
        assertThat(pressed.statusCode()).isEqualTo(201);
        String queryId = ApiClient.json(pressed).get("callback_query_id").asText();

        JsonNode update = ok("getUpdates", "{\"offset\": " + offset + ", \"timeout\": 5}").get(0);
        assertThat(update.get("update_id").asLong()).isEqualTo(ApiClient.json(pressed).get("update_id").asLong());
        JsonNode query = update.get("callback_query");
        assertThat(query.get("id").asText()).isEqualTo(queryId);
        assertThat(query.get("from").get("id").asLong()).isEqualTo(CHAT);
        assertThat(query.get("data").asText()).isEqualTo("handoff");
        assertThat(query.get("chat_instance").asText()).isNotBlank();
        assertThat(query.get("message").get("message_id").asLong()).isEqualTo(keyboardMessage);
        assertThat(query.get("message").get("chat").get("id").asLong()).isEqualTo(CHAT);
        assertThat(query.get("message").get("text").asText()).isEqualTo("Меню");

        assertThat(ok("answerCallbackQuery", "{\"callback_query_id\": \"" + queryId + "\", \"text\": \"Зову\"}")
                .asBoolean()).isTrue();
        TelegramChat.CallbackQuery answered = telegram.chat(CHAT).callbackQueries().get(0);
        assertThat(answered.answered()).isTrue();
        assertThat(answered.answerText()).isEqualTo("Зову");
        assertRefused(bot("answerCallbackQuery", "{\"callback_query_id\": \"" + queryId + "\"}"), 400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid");
        assertRefused(bot("answerCallbackQuery", "{\"callback_query_id\": \"nope\"}"), 400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid");
    }

    @Test
    void editingTheMarkupRemovesTheKeyboard() {
        telegram.customerWrites(CHAT, "Иван", "Привет");
        long id = ok("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"Меню\", \"reply_markup\": " + KEYBOARD
                + "}").get("message_id").asLong();

        JsonNode edited = ok("editMessageReplyMarkup", "{\"chat_id\": " + CHAT + ", \"message_id\": " + id
                + ", \"reply_markup\": {\"inline_keyboard\": []}}");
        assertThat(edited.has("reply_markup")).isFalse();
        assertThat(telegram.chat(CHAT).lastMessage().keyboard()).isEmpty();
        assertRefused(bot("editMessageReplyMarkup", "{\"chat_id\": " + CHAT + ", \"message_id\": " + id + "}"), 400,
                "Bad Request: message is not modified: specified new message content and reply markup are exactly"
                        + " the same as a current content and reply markup of the message");
        assertRefused(bot("editMessageReplyMarkup", "{\"chat_id\": " + CHAT + ", \"message_id\": 999}"), 400,
                "Bad Request: message to edit not found");

        HttpResponse<String> press = http.post("/sandbox/telegram/chats/" + CHAT + "/press", "{\"callback_data\": \"handoff\"}");
        assertThat(press.statusCode()).isEqualTo(409);
        assertThat(press.body()).isEqualTo("{\"error\":\"no_such_button\"}");
    }

    @Test
    void refusesWhatTelegramRefuses() {
        telegram.customerWrites(CHAT, "Иван", "Привет");
        assertRefused(bot("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"" + "я".repeat(4097) + "\"}"), 400,
                "Bad Request: message is too long");
        assertThat(ok("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"" + "я".repeat(4096) + "\"}")
                .get("text").asText()).hasSize(4096);
        assertRefused(bot("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"\"}"), 400,
                "Bad Request: message text is empty");
        assertRefused(bot("sendMessage", "{\"chat_id\": 42, \"text\": \"hi\"}"), 400, "Bad Request: chat not found");
        assertRefused(bot("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"hi\", \"reply_markup\":"
                + " {\"inline_keyboard\": [[{\"text\": \"x\", \"callback_data\": \"" + "d".repeat(65) + "\"}]]}}"), 400,
                "Bad Request: BUTTON_DATA_INVALID");
        assertRefused(http.post("/bot1:wrong/getMe", "{}"), 401, "Unauthorized");
        assertRefused(bot("sendSticker", "{}"), 404, "Not Found");
        assertThat(telegram.chat(CHAT).messages()).hasSize(2);
    }

    @Test
    void takesParametersAsFormFieldsOrQueryToo() throws Exception {
        telegram.customerWrites(CHAT, "Иван", "Привет");
        String form = "chat_id=" + CHAT + "&text=" + URLEncoder.encode("из формы", StandardCharsets.UTF_8)
                + "&reply_markup=" + URLEncoder.encode(KEYBOARD, StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.get().baseUrl() + "/bot" + telegram.token() + "/sendMessage"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(telegram.chat(CHAT).lastMessage().keyboard().get(0)).hasSize(2);

        HttpResponse<String> q = http.get("/bot" + telegram.token() + "/sendChatAction?chat_id=" + CHAT + "&action=typing");
        assertThat(q.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(http.get("/sandbox/telegram/chats/" + CHAT)).get("actions").toString())
                .isEqualTo("[\"typing\"]");
    }

    @Test
    void injectedTooManyRequestsCarryRetryAfter() {
        telegram.customerWrites(CHAT, "Иван", "Привет");
        http.post("/sandbox/telegram/faults", "{\"failNext\": 1, \"failStatus\": 429, \"retryAfter\": 7,"
                + " \"method\": \"sendMessage\"}");
        assertThat(ok("getUpdates", "{}")).hasSize(1);
        HttpResponse<String> throttled = bot("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"hi\"}");
        assertRefused(throttled, 429, "Too Many Requests: retry after 7");
        assertThat(ApiClient.json(throttled).get("parameters").get("retry_after").asInt()).isEqualTo(7);
        assertThat(telegram.chat(CHAT).messages()).hasSize(1);
        ok("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"hi\"}");

        http.post("/sandbox/telegram/faults", "{\"failNext\": 1, \"failStatus\": 502}");
        assertRefused(bot("sendChatAction", "{\"chat_id\": " + CHAT + ", \"action\": \"typing\"}"), 502, "Bad Gateway");
    }

    @Test
    void perChatLimitAllowsOneMessageASecond() {
        telegram.customerWrites(CHAT, "Иван", "Привет");
        telegram.customerWrites(CHAT + 1, "Ольга", "Привет");
        http.post("/sandbox/telegram/faults", "{\"perChatLimit\": true}");

        ok("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"one\"}");
        HttpResponse<String> second = bot("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"two\"}");
        assertRefused(second, 429, "Too Many Requests: retry after 1");
        assertThat(ApiClient.json(second).get("parameters").get("retry_after").asInt()).isEqualTo(1);
        ok("sendMessage", "{\"chat_id\": " + (CHAT + 1) + ", \"text\": \"another chat\"}");
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> bot("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"two\"}").statusCode() == 200);
        assertThat(telegram.chat(CHAT).messages()).extracting(TelegramChat.Message::text)
                .containsExactly("Привет", "one", "two");

        http.post("/sandbox/telegram/faults", "{\"reset\": true}");
        ok("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"three\"}");
    }

    @Test
    void filesAreFetchedWithGetFileAndDownloaded() throws Exception {
        byte[] pdf = "%PDF-1.4 invoice".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> sent = http.post("/sandbox/telegram/chats/" + CHAT + "/documents",
                "{\"file_name\": \"invoice.pdf\", \"mime_type\": \"application/pdf\", \"content_base64\": \""
                        + Base64.getEncoder().encodeToString(pdf) + "\", \"caption\": \"счёт\", \"name\": \"Иван\"}");
        assertThat(sent.statusCode()).isEqualTo(201);
        telegram.customerSendsPhoto(CHAT, null, new byte[] {1, 2, 3}, null);

        JsonNode updates = ok("getUpdates", "{}");
        JsonNode document = updates.get(0).get("message").get("document");
        assertThat(updates.get(0).get("message").get("caption").asText()).isEqualTo("счёт");
        assertThat(document.get("file_name").asText()).isEqualTo("invoice.pdf");
        assertThat(document.get("mime_type").asText()).isEqualTo("application/pdf");
        assertThat(document.get("file_size").asInt()).isEqualTo(pdf.length);
        JsonNode photo = updates.get(1).get("message").get("photo");
        assertThat(photo).hasSize(2);
        assertThat(photo.get(0).get("width").asInt()).isLessThan(photo.get(1).get("width").asInt());

        JsonNode file = ok("getFile", "{\"file_id\": \"" + document.get("file_id").asText() + "\"}");
        assertThat(file.get("file_unique_id").asText()).isEqualTo(document.get("file_unique_id").asText());
        assertThat(file.get("file_size").asInt()).isEqualTo(pdf.length);
        String path = file.get("file_path").asText();
        assertThat(path).startsWith("documents/").endsWith(".pdf");

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> download = client.send(HttpRequest.newBuilder(URI.create(sandbox.get().baseUrl()
                + "/file/bot" + telegram.token() + "/" + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(http.get("/file/bot1:nope/" + path).statusCode()).isEqualTo(401);
        assertThat(http.get("/file/bot" + telegram.token() + "/documents/none.pdf").statusCode()).isEqualTo(404);
        assertRefused(bot("getFile", "{\"file_id\": \"nope\"}"), 400, "Bad Request: invalid file_id");
    }

    @Test
    void aWebhookGetsEveryUpdateWithTheSecretAndIsRetried() {
        try (WebhookReceiver bridge = new WebhookReceiver()) {
            telegram.customerWrites(CHAT, "Иван", "before the webhook");
            bridge.answerWith(500);
            assertThat(ok("setWebhook", "{\"url\": \"" + bridge.url("/telegram/hook") + "\", \"secret_token\": \"s3cret_token\","
                    + " \"allowed_updates\": [\"message\", \"callback_query\"]}").asBoolean()).isTrue();
            assertRefused(bot("getUpdates", "{}"), 409, "Conflict: can't use getUpdates method while webhook is active;"
                    + " use deleteWebhook to delete the webhook first");

            await().atMost(Duration.ofSeconds(5)).until(() -> bridge.received().size() >= 2);
            bridge.answerWith(200);
            telegram.customerWrites(CHAT, null, "after");
            await().atMost(Duration.ofSeconds(10)).until(() -> telegram.pendingUpdates() == 0);

            assertThat(bridge.received()).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/telegram/hook");
                assertThat(r.contentType()).startsWith("application/json");
                assertThat(r.header("X-Telegram-Bot-Api-Secret-Token")).isEqualTo("s3cret_token");
            });
            assertThat(bridge.bodies()).extracting(b -> ApiClient.MAPPER.readTree(b).get("message").get("text").asText())
                    .endsWith("before the webhook", "after")
                    .filteredOn("before the webhook"::equals).hasSizeGreaterThanOrEqualTo(3);

            JsonNode info = ok("getWebhookInfo", "{}");
            assertThat(info.get("url").asText()).isEqualTo(bridge.url("/telegram/hook"));
            assertThat(info.get("pending_update_count").asInt()).isZero();
            JsonNode overview = ApiClient.json(http.get("/sandbox/telegram"));
            assertThat(overview.get("mode").asText()).isEqualTo("webhook");
            assertThat(overview.get("secret_token_set").asBoolean()).isTrue();
            assertThat(overview.toString()).doesNotContain("s3cret_token");

            assertThat(ok("deleteWebhook", "{}").asBoolean()).isTrue();
            telegram.customerWrites(CHAT, null, "polled again");
            assertThat(ok("getUpdates", "{}")).extracting(u -> u.get("message").get("text").asText())
                    .containsExactly("polled again");
        }
    }

    @Test
    void recordsEveryCallWithTheTokenMasked() {
        telegram.customerWrites(CHAT, "Иван", "Привет");
        ok("sendMessage", "{\"chat_id\": " + CHAT + ", \"text\": \"hi\"}");
        bot("sendMessage", "{\"chat_id\": 1, \"text\": \"hi\"}");

        assertThat(telegram.calls()).extracting(TelegramCall::method, TelegramCall::chatId, TelegramCall::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sendMessage", CHAT, 200),
                        org.assertj.core.groups.Tuple.tuple("sendMessage", 1L, 400));
        String shown = http.get("/sandbox/telegram/calls").body();
        assertThat(shown).contains("/bot***/sendMessage").doesNotContain(telegram.token());

        JsonNode about = ApiClient.json(http.get("/sandbox"));
        assertThat(about.get("telegram_token").asText()).isEqualTo(telegram.token()).matches("\\d+:[A-Za-z0-9_-]{35}");
        assertThat(about.get("telegram_api_url").asText()).isEqualTo(sandbox.get().baseUrl());
    }
}
