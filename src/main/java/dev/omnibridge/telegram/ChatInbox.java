package dev.omnibridge.telegram;

import dev.omnibridge.storage.AtomicFiles;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Variant 2's durable inbox: every accepted {@link ChatEvent} is a file here from the moment it is accepted (before
 * Telegram's update is confirmed, before the channel webhook is answered) until its chat's lane has dealt with it.
 * At start-up what is left goes back into the lanes, in the order it came. Also keeps the polling offset, written
 * only after the updates below it are here.
 */
public class ChatInbox {

    private static final Logger LOG = LoggerFactory.getLogger(ChatInbox.class);
    private static final String SUFFIX = ".json";
    private static final String OFFSET_FILE = "telegram-offset";

    /** One accepted event and its file's name. */
    public record Entry(String name, ChatEvent event) {}

    private Path directory = Path.of("data", "telegram", "inbox");
    private boolean fsync = true;
    private final AtomicLong sequence = new AtomicLong();
    private long offset;

    public void setDirectory(String directory) {
        this.directory = Path.of(directory);
    }

    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }

    public void init() throws IOException {
        Files.createDirectories(directory);
        long last = 0;
        for (String name : names()) {
            last = Math.max(last, Long.parseLong(name.substring(0, name.indexOf('-'))));
        }
        sequence.set(last + 1);
        Path offsetFile = directory.resolveSibling(OFFSET_FILE);
        offset = Files.exists(offsetFile) ? Long.parseLong(Files.readString(offsetFile).strip()) : 0;
    }

    /** Writes the event down (durably with {@code bridge.fsync}); returns its entry's name. */
    public String append(ChatEvent event) throws IOException {
        String name = String.format("%015d-%s%s", sequence.getAndIncrement(), event.key().replaceAll("[^A-Za-z0-9_-]", "_"),
                SUFFIX);
        AtomicFiles.write(directory.resolve(name), Json.MAPPER.writeValueAsBytes(event), fsync);
        return name;
    }

    /** The event is dealt with. */
    public void complete(String name) throws IOException {
        if (name != null) {
            Files.deleteIfExists(directory.resolve(name));
        }
    }

    /** What was accepted but not dealt with, oldest first. An unreadable entry is set aside, not lost. */
    public List<Entry> pending() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String name : names()) {
            Path file = directory.resolve(name);
            try {
                entries.add(new Entry(name, Json.MAPPER.readValue(file.toFile(), ChatEvent.class)));
            } catch (IOException e) {
                LOG.error("Inbox entry {} cannot be read; kept as {}.broken: {}", name, name, e.getMessage());
                Files.move(file, file.resolveSibling(name + ".broken"));
            }
        }
        return entries;
    }

    public int size() {
        return names().size();
    }

    /** Where the next {@code getUpdates} starts (0: wherever Telegram has unconfirmed updates). */
    public synchronized long offset() {
        return offset;
    }

    /** Called once the updates below {@code next} are in the inbox (or were not the customer's). */
    public synchronized void confirm(long next) throws IOException {
        if (next > offset) {
            AtomicFiles.write(directory.resolveSibling(OFFSET_FILE), Long.toString(next).getBytes(StandardCharsets.UTF_8),
                    fsync);
            offset = next;
        }
    }

    private List<String> names() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
