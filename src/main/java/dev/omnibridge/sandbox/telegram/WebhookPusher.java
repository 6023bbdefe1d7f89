package dev.omnibridge.sandbox.telegram;

import dev.omnibridge.sandbox.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts pending updates to the webhook one at a time, oldest first, as Telegram does: a non-2xx answer or a failed
 * connection is retried with a growing pause, and after {@value #ATTEMPTS} attempts the update is dropped and the
 * next one goes. If the webhook is deleted meanwhile, the update stays pending for {@code getUpdates}.
 */
final class WebhookPusher implements AutoCloseable {

    static final int ATTEMPTS = 10;
    static final long FIRST_PAUSE_MILLIS = 200;
    static final long MAX_PAUSE_MILLIS = 5_000;
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookPusher.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-telegram-webhook");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private volatile TelegramBook book;

    void attach(TelegramBook telegram) {
        this.book = telegram;
    }

    /** There may be something to send: drain the queue on the pusher's thread. */
    void kick() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException closed) {
            // closing: nothing more goes out
        }
    }

    private void drain() {
        TelegramBook.Push push;
        while ((push = book.nextPush()) != null) {
            if (!deliver(push)) {
                return;
            }
            book.pushed(push.update().updateId());
        }
    }

    /** True when the update is done with (accepted or given up on), false when the webhook went away. */
    private boolean deliver(TelegramBook.Push push) {
        String body = Json.toString(push.update().json());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1 && !pause(Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << (attempt - 2)))) {
                return false;
            }
            if (!book.stillPushingTo(push)) {
                return false;
            }
            String error = post(push, body);
            if (error == null) {
                return true;
            }
            book.pushFailed(error);
        }
        LOG.info("Sandbox Telegram dropped update {} after {} failed webhook attempts", push.update().updateId(),
                ATTEMPTS);
        return true;
    }

    /** Null when the receiver took it, else Telegram's kind of last_error_message. */
    private String post(TelegramBook.Push push, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(push.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (push.secret() != null) {
                request.header(SECRET_HEADER, push.secret());
            }
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "Wrong response from the webhook: " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted";
        } catch (Exception e) {
            return "Connection failed: " + e.getClass().getSimpleName();
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
