package dev.omnibridge.sandbox.telegram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.BoundedLog;
import dev.omnibridge.sandbox.support.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A fake Telegram Bot API served by the sandbox's own HTTP server, so a bridge's {@code telegram.api-url} is the
 * sandbox base URL. The Bot API lives at {@code /bot{token}/{method}} (long polling or a webhook, inline keyboards,
 * callback queries, files); {@code /sandbox/telegram} and the methods below play the customer.
 *
 * <p>Thread-safe: Vert.x handlers and in-process callers share one {@link TelegramBook}. Built and mounted by
 * {@code SandboxOmnidesk}; tests reach it through {@code SandboxOmnidesk.telegram()}.
 */
public final class SandboxTelegram implements AutoCloseable {

    private static final int LOG_CAPACITY = 10_000;
    private static final Pattern TOKEN = Pattern.compile("(\\d{1,18}):[A-Za-z0-9_-]+");
    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final int DEFAULT_PHOTO_SIDE = 800;

    private final String token;
    private final Supplier<String> apiUrl;
    private final TelegramBook book;
    private final TelegramFaults faults = new TelegramFaults(System::nanoTime);
    private final BoundedLog<TelegramCall> calls;
    private final WebhookPusher pusher = new WebhookPusher();
    private volatile LongPolls polls;

    /**
     * @param token  the bot token, {@code <digits>:<letters>}; the digits are the bot's user id
     * @param apiUrl the sandbox's base URL once it listens (what a bridge sets as its Bot API URL)
     */
    public SandboxTelegram(String token, Supplier<String> apiUrl) {
        this(token, apiUrl, () -> { });
    }

    /** The same, telling {@code chatChanged} (under a lock: it must only schedule) when a chat's view changes. */
    public SandboxTelegram(String token, Supplier<String> apiUrl, Runnable chatChanged) {
        this(token, apiUrl, chatChanged, () -> { });
    }

    /** The same, also telling {@code callAnswered} (it must only schedule) after each Bot API call is recorded. */
    public SandboxTelegram(String token, Supplier<String> apiUrl, Runnable chatChanged, Runnable callAnswered) {
        this.calls = new BoundedLog<>(LOG_CAPACITY, Objects.requireNonNull(callAnswered, "callAnswered"));
        Matcher m = TOKEN.matcher(Objects.requireNonNull(token, "token"));
        if (!m.matches()) {
            throw new IllegalArgumentException("a bot token looks like 123456:ABC-def_ghi");
        }
        this.token = token;
        this.apiUrl = apiUrl;
        SecureRandom random = new SecureRandom();
        this.book = new TelegramBook(Long.parseLong(m.group(1)), 400_000_000L + random.nextInt(1_000_000),
                4_300_000_000_000_000L + random.nextInt(1_000_000) * 1_000L, Clock.systemUTC(), this::updated,
                chatChanged);
        pusher.attach(book);
    }

    /** A token of Telegram's shape: a bot id, a colon, 35 letters, digits, {@code _} or {@code -}. */
    public static String randomToken() {
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder().append(1_000_000_000L + (long) (random.nextDouble() * 8_999_999_999L))
                .append(':');
        for (int i = 0; i < 35; i++) {
            token.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return token.toString();
    }

    /** Adds the Bot API, the file server and {@code /sandbox/telegram} to the sandbox's router (before its 404s). */
    public void mount(Vertx vertx, Router router) {
        polls = new LongPolls(vertx);
        new BotApi(token, book, faults, polls, calls).mount(router);
        new TelegramControlApi(this).mount(router);
    }

    /** Runs under the book's lock: only schedules work. */
    private void updated() {
        LongPolls waiting = polls;
        if (waiting != null) {
            waiting.wake();
        }
        pusher.kick();
    }

    public String token() {
        return token;
    }

    /** What a bridge sets as the Bot API URL: the sandbox's base URL. */
    public String apiUrl() {
        return apiUrl.get();
    }

    /** The bot's user id, the token's digits. */
    public long botId() {
        return book.botId();
    }

    /** The customer writes in chat {@code chatId} (its first message creates the chat); returns the update id. */
    public long customerWrites(long chatId, String name, String text) {
        return write(chatId, name, text).updateId();
    }

    /** The customer sends a file; returns the update id. */
    public long customerSendsDocument(long chatId, String name, String fileName, String mimeType, byte[] content,
                                      String caption) {
        return sendDocument(chatId, name, fileName, mimeType, content, caption).updateId();
    }

    /** The customer sends a picture (JPEG or PNG bytes); returns the update id. */
    public long customerSendsPhoto(long chatId, String name, byte[] content, String caption) {
        return sendPhoto(chatId, name, content, caption).updateId();
    }

    /**
     * Presses the button with this text on the latest bot message that still shows it.
     *
     * @throws dev.omnibridge.sandbox.SandboxException 409 {@code no_such_button} when no message shows it
     */
    public PressedButton press(long chatId, String buttonText) {
        return book.press(chatId, b -> b.text().equals(buttonText));
    }

    /** Presses the button carrying this callback_data on the latest bot message that still shows it. */
    public PressedButton pressData(long chatId, String callbackData) {
        return book.press(chatId, b -> callbackData.equals(b.callbackData()));
    }

    /** The chat as its customer sees it, or null when nobody ever wrote from it. */
    public TelegramChat chat(long chatId) {
        return book.view(chatId);
    }

    public List<Long> chatIds() {
        return book.chatIds();
    }

    /** Every Bot API call answered so far (the latest 10,000), token masked. */
    public List<TelegramCall> calls() {
        return calls.snapshot();
    }

    public TelegramFaults faults() {
        return faults;
    }

    /** The webhook URL, or null while the bot polls. */
    public String webhookUrl() {
        return book.webhookUrl();
    }

    public boolean secretTokenSet() {
        return book.secretTokenSet();
    }

    /** Updates not yet confirmed (getUpdates offset) or delivered (webhook). */
    public int pendingUpdates() {
        return book.pendingCount();
    }

    TelegramBook.Sent write(long chatId, String name, String text) {
        return book.customerText(chatId, name, text);
    }

    TelegramBook.Sent sendDocument(long chatId, String name, String fileName, String mimeType, byte[] content,
                                   String caption) {
        return book.customerDocument(chatId, name, fileName, mimeType, content, caption);
    }

    TelegramBook.Sent sendPhoto(long chatId, String name, byte[] content, String caption) {
        int width = DEFAULT_PHOTO_SIDE;
        int height = DEFAULT_PHOTO_SIDE * 3 / 4;
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
            if (image != null) {
                width = image.getWidth();
                height = image.getHeight();
            }
        } catch (IOException | RuntimeException notAnImage) {
            // Sizes are only shown; bytes that are no picture keep the default ones.
        }
        return book.customerPhoto(chatId, name, content, width, height, caption);
    }

    /** {@code GET /sandbox/telegram}. The token is shown: the sandbox is a local tool and holds nothing else. */
    ObjectNode overview() {
        String webhook = book.webhookUrl();
        ObjectNode view = Json.object()
                .put("token", token)
                .put("api_url", apiUrl())
                .put("bot_id", botId())
                .put("mode", webhook == null ? "polling" : "webhook")
                .put("webhook_url", webhook)
                .put("secret_token_set", book.secretTokenSet())
                .put("pending_updates", book.pendingCount());
        ArrayNode chats = view.putArray("chats");
        book.chatIds().forEach(chats::add);
        return view;
    }

    @Override
    public void close() {
        pusher.close();
    }
}
