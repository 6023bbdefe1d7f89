package dev.omnibridge.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.omnibridge.storage.AtomicFiles;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The chats' states, one JSON file per chat under {@code telegram/chats} (so the chat-to-case mapping survives a
 * restart). The files are the truth; the most used states are kept in memory (a bounded Caffeine cache: a bot with
 * many chats must not hold them all), and the case-to-chat index the channel webhooks need is kept whole (two numbers
 * a chat).
 */
public class ChatStore {

    private Path directory = Path.of("data", "telegram", "chats");
    private boolean fsync = true;
    private long maximumSize = 100_000;
    private volatile Cache<Long, ChatState> chats;
    private final Map<Long, Long> chatOfCase = new ConcurrentHashMap<>();
    private final Map<Long, Long> caseOfChat = new ConcurrentHashMap<>();

    public void setDirectory(String directory) {
        this.directory = Path.of(directory);
    }

    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }

    /** How many chats' states stay in memory (dialog.cache-max-size); the others are read from their files. */
    public void setMaximumSize(long maximumSize) {
        this.maximumSize = maximumSize;
    }

    public void init() throws IOException {
        chats = Caffeine.newBuilder().maximumSize(maximumSize).build();
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                index(Json.MAPPER.readValue(file.toFile(), ChatState.class));
            }
        }
    }

    /** True when the chat has a state (a file, or one made in this run). */
    public boolean knows(long chatId) {
        return chats.getIfPresent(chatId) != null || Files.exists(file(chatId));
    }

    /** The chat's state: from memory, else its file, else a new one (the bot's, empty). */
    public ChatState load(long chatId) {
        return chats.get(chatId, id -> {
            Path file = file(id);
            try {
                return Files.exists(file) ? Json.MAPPER.readValue(file.toFile(), ChatState.class)
                        : new ChatState(id, System.currentTimeMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the state of chat " + id, e);
            }
        });
    }

    public Optional<Long> chatOfCase(long caseId) {
        return Optional.ofNullable(chatOfCase.get(caseId));
    }

    public void save(ChatState chat) {
        try {
            AtomicFiles.write(file(chat.getChatId()), Json.MAPPER.writeValueAsBytes(chat), fsync);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the state of chat " + chat.getChatId(), e);
        }
        chats.put(chat.getChatId(), chat);
        index(chat);
    }

    /** Chats known in this run's index (those with a case, and those saved). */
    public int size() {
        return caseOfChat.size();
    }

    private void index(ChatState chat) {
        Long before = caseOfChat.put(chat.getChatId(), chat.getCaseId());
        if (before != null && before != chat.getCaseId()) {
            chatOfCase.remove(before, chat.getChatId());
        }
        if (chat.getCaseId() > 0) {
            chatOfCase.put(chat.getCaseId(), chat.getChatId());
        }
    }

    private Path file(long chatId) {
        return directory.resolve(chatId + ".json");
    }
}
