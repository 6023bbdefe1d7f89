package dev.omnibridge.sandbox.telegram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;
import dev.omnibridge.sandbox.support.SandboxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Everything the sandbox Telegram knows, under one lock: the chats and their messages, pending updates, callback
 * queries, files, and the webhook setting. The only place that changes them.
 *
 * <p>Message ids count per chat, as in Telegram's private chats; update ids count globally from a random-ish base.
 * Each new update runs {@code onUpdate} (under the lock, so it must only schedule work) to wake long polls and the
 * webhook pusher; each change a chat's customer would see runs {@code chatChanged} (same rule): the change feed.
 */
final class TelegramBook {

    /** The person behind a private chat; the chat id is their user id. */
    record Customer(long chatId, String firstName, String lastName, String username) {}

    record StoredFile(String fileId, String uniqueId, String path, String mimeType, byte[] content) {}

    record Update(long updateId, String type, ObjectNode json) {}

    /** A customer's message: the update carrying it and its id in the chat. */
    record Sent(long updateId, long messageId) {}

    /** The next update for the webhook and where it goes. */
    record Push(String url, String secret, Update update) {}

    private static final Set<String> ACTIONS = Set.of("typing", "upload_photo", "record_video", "upload_video",
            "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location",
            "record_video_note", "upload_video_note");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final String DEFAULT_NAME = "Customer";

    /** A message in a chat; its keyboard changes when the bot edits it. */
    private static final class Line {
        final long messageId;
        final boolean fromBot;
        final String text;
        final ObjectNode media;
        final long date;
        List<List<TelegramChat.Button>> keyboard;

        Line(long messageId, boolean fromBot, String text, ObjectNode media, long date,
             List<List<TelegramChat.Button>> keyboard) {
            this.messageId = messageId;
            this.fromBot = fromBot;
            this.text = text;
            this.media = media;
            this.date = date;
            this.keyboard = keyboard;
        }
    }

    private static final class Query {
        final String id;
        final long messageId;
        final String data;
        boolean answered;
        String answerText = "";

        Query(String id, long messageId, String data) {
            this.id = id;
            this.messageId = messageId;
            this.data = data;
        }
    }

    private static final class Chat {
        Customer customer;
        final List<Line> lines = new ArrayList<>();
        final List<Query> queries = new ArrayList<>();
        final List<String> actions = new ArrayList<>();
        long nextMessageId = 1;

        Chat(Customer customer) {
            this.customer = customer;
        }
    }

    private final long botId;
    private final Clock clock;
    private final Runnable onUpdate;
    private final Runnable chatChanged;
    private final Map<Long, Chat> chats = new LinkedHashMap<>();
    private final List<Update> pending = new ArrayList<>();
    private final Map<String, Query> queries = new HashMap<>();
    private final Map<String, StoredFile> files = new HashMap<>();
    private final Map<String, StoredFile> filesByPath = new HashMap<>();
    private long nextUpdateId;
    private long nextQueryId;
    private long nextFile = 1;
    private String webhookUrl;
    private String webhookSecret;
    private List<String> allowedUpdates = List.of();
    private String lastWebhookError;
    private long lastWebhookErrorDate;

    TelegramBook(long botId, long firstUpdateId, long firstQueryId, Clock clock, Runnable onUpdate,
                 Runnable chatChanged) {
        this.botId = botId;
        this.nextUpdateId = firstUpdateId;
        this.nextQueryId = firstQueryId;
        this.clock = clock;
        this.onUpdate = onUpdate;
        this.chatChanged = chatChanged;
    }

    long botId() {
        return botId;
    }

    // ---- the customer's side ----

    synchronized Sent customerText(long chatId, String name, String text) {
        if (text == null || text.isBlank()) {
            throw new SandboxException(400, "text_required");
        }
        Chat chat = chatFor(chatId, name);
        Line line = append(chat, false, text, null, List.of());
        ObjectNode message = messageJson(chat, line);
        return new Sent(addUpdate("message", message), line.messageId);
    }

    synchronized Sent customerDocument(long chatId, String name, String fileName, String mimeType, byte[] content,
                                       String caption) {
        Chat chat = chatFor(chatId, name);
        String extension = fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.')) : "";
        StoredFile file = storeFile("documents/file_" + nextFile + extension, mimeType, content);
        ObjectNode media = Json.object();
        media.putObject("document")
                .put("file_name", fileName)
                .put("mime_type", mimeType)
                .put("file_id", file.fileId())
                .put("file_unique_id", file.uniqueId())
                .put("file_size", content.length);
        return customerMedia(chat, media, caption);
    }

    /** A photo arrives in two sizes, as Telegram sends it: a thumbnail and the full picture, each with its file id. */
    synchronized Sent customerPhoto(long chatId, String name, byte[] content, int width, int height, String caption) {
        Chat chat = chatFor(chatId, name);
        ObjectNode media = Json.object();
        ArrayNode sizes = media.putArray("photo");
        double scale = Math.min(1.0, 90.0 / Math.max(width, height));
        int[][] dims = {{(int) Math.max(1, Math.round(width * scale)), (int) Math.max(1, Math.round(height * scale))},
                {width, height}};
        for (int[] dim : dims) {
            StoredFile file = storeFile("photos/file_" + nextFile + ".jpg", "image/jpeg", content);
            sizes.addObject()
                    .put("file_id", file.fileId())
                    .put("file_unique_id", file.uniqueId())
                    .put("file_size", content.length)
                    .put("width", dim[0])
                    .put("height", dim[1]);
        }
        return customerMedia(chat, media, caption);
    }

    private Sent customerMedia(Chat chat, ObjectNode media, String caption) {
        if (caption != null && !caption.isEmpty()) {
            media.put("caption", caption);
        }
        Line line = append(chat, false, caption == null ? "" : caption, media, List.of());
        return new Sent(addUpdate("message", messageJson(chat, line)), line.messageId);
    }

    /** Presses the first matching button on the latest bot message that still shows one. */
    synchronized PressedButton press(long chatId, Predicate<TelegramChat.Button> which) {
        Chat chat = chats.get(chatId);
        if (chat == null) {
            throw new SandboxException(404, "chat_not_found");
        }
        for (int i = chat.lines.size() - 1; i >= 0; i--) {
            Line line = chat.lines.get(i);
            Optional<TelegramChat.Button> button = line.keyboard.stream().flatMap(List::stream)
                    .filter(b -> b.callbackData() != null).filter(which).findFirst();
            if (line.fromBot && button.isPresent()) {
                Query query = new Query(Long.toString(nextQueryId++), line.messageId, button.get().callbackData());
                queries.put(query.id, query);
                chat.queries.add(query);
                ObjectNode callback = Json.object();
                callback.put("id", query.id);
                callback.set("from", TelegramJson.user(chat.customer));
                callback.set("message", messageJson(chat, line));
                callback.put("chat_instance", Long.toString(chatId * 31 + 7_000_000_000_000_000L));
                callback.put("data", query.data);
                return new PressedButton(addUpdate("callback_query", callback), query.id);
            }
        }
        throw new SandboxException(409, "no_such_button");
    }

    // ---- the bot's side (Bot API) ----

    synchronized ObjectNode sendMessage(long chatId, String text, List<List<TelegramChat.Button>> keyboard) {
        Chat chat = requireChat(chatId);
        Line line = append(chat, true, text, null, keyboard);
        return messageJson(chat, line);
    }

    synchronized ObjectNode editReplyMarkup(long chatId, long messageId, List<List<TelegramChat.Button>> keyboard) {
        Chat chat = requireChat(chatId);
        Line line = chat.lines.stream().filter(l -> l.messageId == messageId).findFirst()
                .orElseThrow(() -> BotError.badRequest("message to edit not found"));
        if (!line.fromBot) {
            throw BotError.badRequest("message can't be edited");
        }
        if (line.keyboard.equals(keyboard)) {
            throw BotError.badRequest("message is not modified: specified new message content and reply markup are"
                    + " exactly the same as a current content and reply markup of the message");
        }
        line.keyboard = keyboard;
        chatChanged.run();
        return messageJson(chat, line);
    }

    synchronized void answerCallbackQuery(String queryId, String text) {
        Query query = queries.get(queryId);
        if (query == null || query.answered) {
            throw BotError.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        query.answered = true;
        query.answerText = text == null ? "" : text;
        chatChanged.run();
    }

    synchronized void chatAction(long chatId, String action) {
        Chat chat = requireChat(chatId);
        if (!ACTIONS.contains(action)) {
            throw BotError.badRequest("wrong parameter action in request");
        }
        chat.actions.add(action);
    }

    synchronized StoredFile file(String fileId) {
        StoredFile file = files.get(fileId);
        if (file == null) {
            throw BotError.badRequest("invalid file_id");
        }
        return file;
    }

    synchronized Optional<StoredFile> fileByPath(String path) {
        return Optional.ofNullable(filesByPath.get(path));
    }

    // ---- updates: getUpdates and the webhook ----

    synchronized boolean webhookActive() {
        return webhookUrl != null;
    }

    /**
     * Confirms every update below {@code offset} (offset 0: none), then returns up to {@code limit} pending ones,
     * oldest first. {@code allowed} (null: keep the last setting) is remembered, as Telegram does.
     */
    synchronized List<ObjectNode> poll(long offset, int limit, List<String> allowed) {
        if (allowed != null) {
            allowedUpdates = List.copyOf(allowed);
        }
        if (offset > 0) {
            pending.removeIf(u -> u.updateId() < offset);
        }
        dropUnwanted();
        return pending.stream().filter(u -> u.updateId() >= offset).limit(limit)
                .map(u -> u.json().deepCopy()).toList();
    }

    synchronized void setWebhook(String url, String secret, List<String> allowed, boolean dropPending) {
        if (secret != null && !secret.isEmpty() && !SECRET.matcher(secret).matches()) {
            throw BotError.badRequest("secret token contains unallowed characters");
        }
        if (dropPending) {
            pending.clear();
        }
        if (allowed != null) {
            allowedUpdates = List.copyOf(allowed);
        }
        webhookUrl = url;
        webhookSecret = secret == null || secret.isEmpty() ? null : secret;
        lastWebhookError = null;
        onUpdate.run();
    }

    synchronized void deleteWebhook(boolean dropPending) {
        if (dropPending) {
            pending.clear();
        }
        webhookUrl = null;
        webhookSecret = null;
    }

    synchronized ObjectNode webhookInfo() {
        dropUnwanted();
        ObjectNode info = Json.object()
                .put("url", webhookUrl == null ? "" : webhookUrl)
                .put("has_custom_certificate", false)
                .put("pending_update_count", pending.size());
        if (lastWebhookError != null) {
            info.put("last_error_date", lastWebhookErrorDate).put("last_error_message", lastWebhookError);
        }
        if (!allowedUpdates.isEmpty()) {
            ArrayNode types = info.putArray("allowed_updates");
            allowedUpdates.forEach(types::add);
        }
        return info;
    }

    /** The oldest pending update and where to post it; null when there is no webhook or nothing to send. */
    synchronized Push nextPush() {
        dropUnwanted();
        if (webhookUrl == null || pending.isEmpty()) {
            return null;
        }
        return new Push(webhookUrl, webhookSecret, pending.get(0));
    }

    /** Whether the webhook is still where {@code push} was going (it may have been deleted or moved meanwhile). */
    synchronized boolean stillPushingTo(Push push) {
        return Objects.equals(webhookUrl, push.url()) && Objects.equals(webhookSecret, push.secret());
    }

    /** The update was accepted, or given up on after the retries: either way it is no longer pending. */
    synchronized void pushed(long updateId) {
        pending.removeIf(u -> u.updateId() == updateId);
    }

    synchronized void pushFailed(String error) {
        lastWebhookError = error;
        lastWebhookErrorDate = clock.instant().getEpochSecond();
    }

    // ---- views ----

    synchronized String webhookUrl() {
        return webhookUrl;
    }

    synchronized boolean secretTokenSet() {
        return webhookSecret != null;
    }

    synchronized int pendingCount() {
        dropUnwanted();
        return pending.size();
    }

    synchronized List<Long> chatIds() {
        return List.copyOf(chats.keySet());
    }

    /** The chat as its customer sees it, or null when nobody ever wrote from it. */
    synchronized TelegramChat view(long chatId) {
        Chat chat = chats.get(chatId);
        if (chat == null) {
            return null;
        }
        List<TelegramChat.Message> messages = chat.lines.stream()
                .map(l -> new TelegramChat.Message(l.messageId, l.fromBot ? "bot" : "customer", l.text, l.keyboard,
                        l.date))
                .toList();
        List<TelegramChat.CallbackQuery> asked = chat.queries.stream()
                .map(q -> new TelegramChat.CallbackQuery(q.id, q.messageId, q.data, q.answered, q.answerText))
                .toList();
        return new TelegramChat(chatId, messages, asked, chat.actions);
    }

    // ---- internals ----

    private Chat requireChat(long chatId) {
        Chat chat = chats.get(chatId);
        if (chat == null) {
            throw BotError.chatNotFound();
        }
        return chat;
    }

    /** The chat, created on the customer's first message; a name given later renames the customer. */
    private Chat chatFor(long chatId, String name) {
        Chat chat = chats.get(chatId);
        if (chat != null && (name == null || name.isBlank())) {
            return chat;
        }
        String full = name == null || name.isBlank() ? DEFAULT_NAME : name.strip();
        int space = full.indexOf(' ');
        Customer customer = new Customer(chatId, space < 0 ? full : full.substring(0, space),
                space < 0 ? "" : full.substring(space + 1).strip(), "user" + Math.abs(chatId));
        if (chat == null) {
            chat = new Chat(customer);
            chats.put(chatId, chat);
        } else {
            chat.customer = customer;
        }
        return chat;
    }

    private Line append(Chat chat, boolean fromBot, String text, ObjectNode media,
                        List<List<TelegramChat.Button>> keyboard) {
        Line line = new Line(chat.nextMessageId++, fromBot, text, media, clock.instant().getEpochSecond(), keyboard);
        chat.lines.add(line);
        chatChanged.run();
        return line;
    }

    private StoredFile storeFile(String path, String mimeType, byte[] content) {
        long n = nextFile++;
        StoredFile file = new StoredFile("BQACAgIAAxkBAAI" + n + "sandbox" + Long.toHexString(botId),
                "AgAD" + n, path, mimeType, content.clone());
        files.put(file.fileId(), file);
        filesByPath.put(file.path(), file);
        return file;
    }

    private long addUpdate(String type, ObjectNode payload) {
        long id = nextUpdateId++;
        ObjectNode json = Json.object().put("update_id", id);
        json.set(type, payload);
        pending.add(new Update(id, type, json));
        onUpdate.run();
        return id;
    }

    /** Updates of a type the bot did not ask for would not exist in Telegram at all. */
    private void dropUnwanted() {
        if (!allowedUpdates.isEmpty()) {
            pending.removeIf(u -> !allowedUpdates.contains(u.type()));
        }
    }

    private ObjectNode messageJson(Chat chat, Line line) {
        ObjectNode m = Json.object().put("message_id", line.messageId);
        m.set("from", line.fromBot ? TelegramJson.bot(botId) : TelegramJson.user(chat.customer));
        m.set("chat", TelegramJson.chat(chat.customer));
        m.put("date", line.date);
        if (line.media != null) {
            m.setAll(line.media.deepCopy());
        } else {
            m.put("text", line.text);
        }
        ObjectNode markup = Markup.toJson(line.keyboard);
        if (markup != null) {
            m.set("reply_markup", markup);
        }
        return m;
    }
}
