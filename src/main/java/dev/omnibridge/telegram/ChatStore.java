package dev.omnibridge.telegram;

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
 * restart), kept in memory once read, with the case-to-chat index the channel webhooks need.
 */
public class ChatStore {

    private Path directory = Path.of("data", "telegram", "chats");
    private boolean fsync = true;
    private final Map<Long, ChatState> chats = new ConcurrentHashMap<>();
    private final Map<Long, Long> chatOfCase = new ConcurrentHashMap<>();

    public void setDirectory(String directory) {
        this.directory = Path.of(directory);
    }

    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }

    public void init() throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                ChatState chat = Json.MAPPER.readValue(file.toFile(), ChatState.class);
                chats.put(chat.getChatId(), chat);
                if (chat.getCaseId() > 0) {
                    chatOfCase.put(chat.getCaseId(), chat.getChatId());
                }
            }
        }
    }

    /** True when the chat has a state here (saved before, or loaded in this run). */
    public boolean knows(long chatId) {
        return chats.containsKey(chatId);
    }

    /** The chat's state; a new one (the bot's, empty) for a chat never seen. */
    public ChatState load(long chatId) {
        return chats.computeIfAbsent(chatId, id -> new ChatState(id, System.currentTimeMillis()));
    }

    public Optional<Long> chatOfCase(long caseId) {
        return Optional.ofNullable(chatOfCase.get(caseId));
    }

    public void save(ChatState chat) {
        chatOfCase.values().removeIf(id -> id == chat.getChatId());
        if (chat.getCaseId() > 0) {
            chatOfCase.put(chat.getCaseId(), chat.getChatId());
        }
        try {
            AtomicFiles.write(directory.resolve(chat.getChatId() + ".json"), Json.MAPPER.writeValueAsBytes(chat), fsync);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the state of chat " + chat.getChatId(), e);
        }
    }

    public int size() {
        return chats.size();
    }
}
