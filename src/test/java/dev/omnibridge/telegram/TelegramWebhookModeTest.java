package dev.omnibridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.RunningBridge;
import dev.omnibridge.sandbox.telegram.SandboxTelegram;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * telegram.mode=webhook: the bridge registers its webhook with the secret and the update types it reads, checks the
 * secret on every request, handles a repeated update once, and leaves the webhook registered when it stops.
 */
class TelegramWebhookModeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TELEGRAM_SECRET = "tg-secret-0123456789_abcdef";

    @Test
    void updatesComeWithTheSecretOrAreRefused() throws Exception {
        int port = RunningBridge.freePort();
        RunningBridge bridge = RunningBridge.start(Map.of("sandbox.telegram", "true", "telegram.mode", "webhook",
                "telegram.webhook-secret", TELEGRAM_SECRET, "camel.server.port", Integer.toString(port),
                "bridge.public-url", "http://127.0.0.1:" + port, "telegram.chat-interval-ms", "100"));
        TelegramPlay play = new TelegramPlay(bridge.sandbox().baseUrl(), bridge.sandbox().staffEmail(),
                bridge.sandbox().apiKey());
        SandboxTelegram telegram = bridge.sandbox().telegram();
        try {
            await().atMost(WAIT).until(() -> "webhook".equals(play.telegramOverview().path("mode").asText()));
            assertThat(play.telegramOverview().path("webhook_url").asText())
                    .isEqualTo("http://127.0.0.1:" + port + "/webhooks/telegram");
            assertThat(play.telegramOverview().path("secret_token_set").asBoolean()).isTrue();

            // Telegram pushes the customer's message to the bridge, which answers in the chat.
            play.write(900_001, "Анна", "Где мой заказ 12345?");
            await().atMost(WAIT).until(() -> play.botTexts(900_001).stream().anyMatch(t -> t.contains("личном кабинете")));

            String update = "{\"update_id\": 1999000001, \"message\": {\"message_id\": 5, \"date\": 1700000000,"
                    + " \"from\": {\"id\": 900002, \"is_bot\": false, \"first_name\": \"Анна\"},"
                    + " \"chat\": {\"id\": 900002, \"type\": \"private\"}, \"text\": \"Как оплатить?\"}}";
            play.write(900_002, "Анна", "Здравствуйте"); // the sandbox knows the chat, so the bot may write to it
            await().atMost(WAIT).until(() -> play.botTexts(900_002).size() == 1);

            assertThat(post(port, update, null).statusCode()).isEqualTo(403);
            assertThat(post(port, update, "wrong-secret-0123456789").statusCode()).isEqualTo(403);
            assertThat(post(port, update, TELEGRAM_SECRET).statusCode()).isEqualTo(200);
            assertThat(post(port, update, TELEGRAM_SECRET).statusCode()).isEqualTo(200); // Telegram delivering again
            await().atMost(WAIT).until(() -> play.botTexts(900_002).stream().anyMatch(t -> t.contains("Оплатить можно")));
            await().atMost(WAIT).until(() -> bridge.metric("bridge_chat_events_duplicate_total", null) >= 1);
            assertThat(play.botTexts(900_002).stream().filter(t -> t.contains("Оплатить можно"))).hasSize(1);
        } finally {
            bridge.close();
        }
        // a rolling deploy stops old pods: the webhook stays registered for the new one
        assertThat(telegram.webhookUrl()).isEqualTo("http://127.0.0.1:" + port + "/webhooks/telegram");
        assertThat(telegram.calls()).noneMatch(call -> call.method().equals("deleteWebhook"));
    }

    private static HttpResponse<String> post(int port, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/telegram"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
