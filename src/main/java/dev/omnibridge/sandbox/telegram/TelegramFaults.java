package dev.omnibridge.sandbox.telegram;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Switches that make the sandbox Bot API misbehave on purpose, the way Telegram does under load: injected 429s with
 * {@code retry_after}, 5xx, and the one-message-per-second limit per chat. A refused call changes nothing.
 * Thread-safe; every setter returns {@code this}.
 */
public final class TelegramFaults {

    static final long CHAT_INTERVAL_NANOS = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final Map<Long, Long> lastSendByChat = new HashMap<>();
    private int failNext;
    private int failStatus = 500;
    private long retryAfter = 1;
    private String method;
    private boolean perChatLimit;

    TelegramFaults(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * The next {@code n} calls of {@code method} (null: any method but {@code getUpdates}) fail with {@code status};
     * a 429 tells the client to retry after {@code retryAfterSeconds}.
     */
    public synchronized TelegramFaults failNext(int n, int status, long retryAfterSeconds, String method) {
        if (n < 0 || status < 400 || status > 599 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("n must be >= 0, status 4xx/5xx and retryAfter >= 0");
        }
        this.failNext = n;
        this.failStatus = status;
        this.retryAfter = Math.max(1, retryAfterSeconds);
        this.method = method == null || method.isBlank() ? null : method.strip();
        return this;
    }

    /** Telegram's limit of about one message per second in a chat: a faster {@code sendMessage} gets a 429. */
    public synchronized TelegramFaults perChatLimit(boolean on) {
        this.perChatLimit = on;
        lastSendByChat.clear();
        return this;
    }

    public synchronized TelegramFaults reset() {
        failNext = 0;
        failStatus = 500;
        retryAfter = 1;
        method = null;
        perChatLimit = false;
        lastSendByChat.clear();
        return this;
    }

    public synchronized int pendingFailures() {
        return failNext;
    }

    public synchronized int failStatus() {
        return failStatus;
    }

    public synchronized long retryAfter() {
        return retryAfter;
    }

    /** The method the failures are for, null for any. */
    public synchronized String method() {
        return method;
    }

    public synchronized boolean perChatLimit() {
        return perChatLimit;
    }

    /** Consumes one injected failure if it applies to this call. */
    synchronized void check(String calledMethod) {
        if (failNext == 0) {
            return;
        }
        boolean applies = method == null
                ? !"getupdates".equals(calledMethod.toLowerCase(Locale.ROOT))
                : method.equalsIgnoreCase(calledMethod);
        if (!applies) {
            return;
        }
        failNext--;
        throw switch (failStatus) {
            case 429 -> BotError.tooManyRequests(retryAfter);
            case 500 -> new BotError(500, "Internal Server Error", 0);
            case 502 -> new BotError(502, "Bad Gateway", 0);
            default -> new BotError(failStatus, "Sandbox fault", 0);
        };
    }

    /**
     * Sends a message to {@code chatId} unless the chat's limit refuses it. Under this lock, so two quick sends cannot
     * both slip through; only a message actually sent counts towards the limit.
     */
    synchronized <T> T admitSend(long chatId, Supplier<T> send) {
        long now = nanoTime.getAsLong();
        Long last = lastSendByChat.get(chatId);
        if (perChatLimit && last != null && now - last < CHAT_INTERVAL_NANOS) {
            throw BotError.tooManyRequests(1);
        }
        T sent = send.get();
        lastSendByChat.put(chatId, now);
        return sent;
    }
}
