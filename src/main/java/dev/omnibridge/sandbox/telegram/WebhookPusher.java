package dev.omnibridge.sandbox.telegram;

import dev.omnibridge.sandbox.support.Json;
import dev.omnibridge.sandbox.support.OrderedPoster;
import java.time.Duration;
import java.util.Map;
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

    // Answer limit 0: only the status counts, the body is read and thrown away.
    private final OrderedPoster poster = new OrderedPoster("sandbox-telegram-webhook", Duration.ofSeconds(5),
            Duration.ofSeconds(10), 0, new OrderedPoster.Retries(ATTEMPTS, FIRST_PAUSE_MILLIS, MAX_PAUSE_MILLIS));
    private volatile TelegramBook book;

    void attach(TelegramBook telegram) {
        this.book = telegram;
    }

    /** There may be something to send: drain the queue on the pusher's thread. */
    void kick() {
        // false when closing: nothing more goes out
        poster.execute(this::drain);
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
        Map<String, String> headers = push.secret() == null ? Map.of() : Map.of(SECRET_HEADER, push.secret());
        OrderedPoster.Answer last = poster.deliver(push.url(), "application/json", headers,
                Json.toString(push.update().json()), () -> book.stillPushingTo(push), answer -> {
                    if (!answer.accepted()) {
                        book.pushFailed(lastError(answer));
                    }
                });
        if (last == null || !last.accepted() && last.attempts() < ATTEMPTS) {
            // stopped before an attempt: the webhook changed, or the sandbox is closing
            return false;
        }
        if (!last.accepted()) {
            LOG.info("Sandbox Telegram dropped update {} after {} failed webhook attempts", push.update().updateId(),
                    ATTEMPTS);
        }
        return true;
    }

    /** Telegram's kind of last_error_message. */
    private static String lastError(OrderedPoster.Answer answer) {
        if (answer.failure() == null) {
            return "Wrong response from the webhook: " + answer.status();
        }
        return answer.interrupted()
                ? "Interrupted"
                : "Connection failed: " + answer.failure().getClass().getSimpleName();
    }

    @Override
    public void close() {
        poster.closeNow(Duration.ofSeconds(2));
    }
}
