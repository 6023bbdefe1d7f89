package dev.omnibridge.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes "accepted" mean "durable": every accepted webhook is written to its own file (temp file, fsync, atomic
 * rename) before the webhook is answered, and deleted once the dialog route has handled it. Whatever is still here
 * at start-up was accepted but not finished, and is handled again in arrival order.
 */
public class IntakeJournal {

    public static final String ENTRY_PROPERTY = "journalEntry";

    private static final Logger LOG = LoggerFactory.getLogger(IntakeJournal.class);
    private static final String SUFFIX = ".json";

    // Entries written by an older release may carry fields this one does not know: read what is known.
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final AtomicLong sequence = new AtomicLong();
    private Path directory = Path.of("data", "intake");
    private boolean fsync = true;

    public void setDirectory(String directory) {
        this.directory = Path.of(directory);
    }

    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }

    public void init() throws IOException {
        Files.createDirectories(directory);
        long last = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(file); // a write that never completed was never acknowledged
                } else if (name.endsWith(SUFFIX)) {
                    last = Math.max(last, sequenceOf(name));
                }
            }
        }
        sequence.set(last);
    }

    /** Persists the event in the body; the entry's name goes into the {@value #ENTRY_PROPERTY} property. */
    public void append(Exchange exchange) throws IOException, InvalidPayloadException {
        WebhookEvent event = exchange.getMessage().getMandatoryBody(WebhookEvent.class);
        String name = String.format("%019d-%d%s", sequence.incrementAndGet(), event.caseId(), SUFFIX);
        AtomicFiles.write(directory.resolve(name), json.writeValueAsBytes(event), fsync);
        exchange.setProperty(ENTRY_PROPERTY, name);
    }

    /** The event has been handled (or parked as a dead letter): forget it. */
    public void complete(Exchange exchange) throws IOException {
        String name = exchange.getProperty(ENTRY_PROPERTY, String.class);
        if (name != null) {
            Files.deleteIfExists(directory.resolve(name));
        }
    }

    /** Entries accepted but not completed, oldest first. Unreadable files are set aside, not deleted. */
    public List<JournalEntry> pending() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        List<JournalEntry> entries = new ArrayList<>();
        for (Path file : files) {
            try {
                entries.add(new JournalEntry(file.getFileName().toString(),
                        json.readValue(file.toFile(), WebhookEvent.class)));
            } catch (IOException e) {
                Path corrupt = directory.resolve("corrupt");
                Files.createDirectories(corrupt);
                Files.move(file, corrupt.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                LOG.error("Intake journal entry {} is unreadable ({}) and was moved to {}", file.getFileName(),
                        e.getClass().getSimpleName(), corrupt);
            }
        }
        if (!entries.isEmpty()) {
            LOG.info("Resuming {} webhook(s) accepted before the last stop", entries.size());
        }
        return entries;
    }

    public int size() throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return (int) list.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).count();
        }
    }

    private static long sequenceOf(String name) {
        try {
            return Long.parseLong(name.substring(0, name.indexOf('-')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** One pending webhook: the file name (to complete it later) and the event. */
    public record JournalEntry(String name, WebhookEvent event) {}
}
