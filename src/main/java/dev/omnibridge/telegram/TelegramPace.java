package dev.omnibridge.telegram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Telegram's {@code retry_after}: after a 429 the chat it was about (or, for a call about no chat, the whole bot)
 * waits that long before its next call. The steady pace (about one message a second per chat, thirty a second in
 * all) is kept by the throttle EIPs of the {@code telegram-send} route; this only honours what Telegram asked for.
 */
public class TelegramPace {

    /** The chat id of calls about no chat: their pause holds every chat. */
    private static final long EVERY_CHAT = 0;

    private final Map<Long, Long> pausedUntil = new ConcurrentHashMap<>();
    private long maxPauseMs = 120_000;

    public void setMaxRetryAfterSeconds(long seconds) {
        this.maxPauseMs = seconds * 1000;
    }

    /** Blocks until neither the request's chat nor the whole bot is paused. */
    public void await(TelegramRequest request) throws InterruptedException {
        while (true) {
            long now = System.currentTimeMillis();
            long until = Math.max(pausedUntil.getOrDefault(EVERY_CHAT, 0L),
                    pausedUntil.getOrDefault(request.chatId(), 0L));
            if (until <= now) {
                return;
            }
            Thread.sleep(Math.min(until - now, 1000));
        }
    }

    void pause(long chatId, long retryAfterSeconds) {
        long until = System.currentTimeMillis() + Math.min(retryAfterSeconds * 1000, maxPauseMs);
        pausedUntil.merge(chatId, until, Math::max);
    }
}
