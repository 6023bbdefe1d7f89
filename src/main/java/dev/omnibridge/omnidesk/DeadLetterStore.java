package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.storage.AtomicFiles;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Omnidesk writes that exhausted their retries or were refused, kept until they are replayed or deleted. They survive
 * restarts; nothing is dropped silently. One JSON file each (written atomically) under {@code directory}; shared by
 * every replica ({@link SharedDeadLetters}) with Redis ({@link #setRedisUrl}), or in cluster mode without Redis on a
 * compacted Kafka topic ({@link #setKafka}), so any replica lists and replays any letter — and while the shared
 * store cannot be written, on this replica's disk, listed with the others.
 */
public class DeadLetterStore implements AutoCloseable {

    /** The operation of a letter that holds webhooks rather than an Omnidesk write. */
    public static final String WEBHOOKS = "webhooks";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);

    private final ObjectMapper json = Json.MAPPER;
    private Path directory = Path.of("data", "dead-letters");
    private String redisUrl = "";
    private String account = "omnidesk";
    private boolean kafkaIntake;
    private SharedDeadLetters kafka;
    private SharedDeadLetters shared;

    public void setDirectory(String directory) {
        this.directory = Path.of(directory);
    }

    /** Cluster mode: letters in Redis for every replica (empty: on local disk). */
    public void setRedisUrl(String redisUrl) {
        this.redisUrl = redisUrl == null ? "" : redisUrl.trim();
    }

    /** Whose letters (the account's address; in the Redis key, as the budget's). */
    public void setAccount(String account) {
        this.account = OmnideskBudget.accountHost(account);
    }

    /** bridge.intake: with kafka and no Redis, the letters go to the Kafka shelf ({@link #setKafka}). */
    public void setIntake(String intake) {
        this.kafkaIntake = "kafka".equals(intake);
    }

    /** Cluster mode without Redis: the dead-letter topic (connects at its first use only). */
    public void setKafka(SharedDeadLetters kafka) {
        this.kafka = kafka;
    }

    /**
     * The shared store, made at first use (Camel's YAML DSL makes beans twice: the first would keep a client), or
     * null when letters stay on local disk (one replica).
     */
    private synchronized SharedDeadLetters shared() {
        if (shared == null) {
            if (!redisUrl.isEmpty()) {
                shared = new RedisDeadLetters(redisUrl, account);
            } else if (kafkaIntake && kafka != null) {
                shared = kafka;
            } else {
                return null;
            }
            LOG.info("Dead letters are kept for every replica in {}", shared.where());
        }
        return shared;
    }

    @Override
    public synchronized void close() {
        if (shared != null) {
            shared.close();
        }
    }

    public void init() throws IOException {
        Files.createDirectories(directory);
        int size = files().size(); // (Redis's letters are not counted here: no client before the first use)
        if (size > 0) {
            LOG.warn("{} dead letter(s) are waiting for a replay (see README, 'Dead letters')", size);
        }
    }

    /**
     * Parks a write that still failed after its retries.
     *
     * @param existingId the letter it was replayed from (then the letter stays, with the attempt counted), or null
     * @param retries    retries the write took after its first attempt (null: none)
     */
    public void park(OmnideskRequest request, String existingId, Throwable failure, Integer retries)
            throws IOException {
        long now = System.currentTimeMillis();
        if (existingId != null) {
            Optional<DeadLetter> letter = find(existingId);
            if (letter.isPresent()) {
                write(letter.get().failedAgain(reason(failure), now));
            }
            return;
        }
        DeadLetter letter = new DeadLetter(newId(now), request.operation(), request.caseId(), request.method(),
                request.path(), request.query(), request.body(), request.text(), reason(failure),
                (retries == null ? 0 : retries) + 1, now, now, request.files());
        write(letter);
        LOG.error("Case {}: {} parked as dead letter {}: {}", letter.caseId(), letter.operation(), letter.id(),
                letter.reason());
    }

    /**
     * Parks webhooks whose author could not be learned (Omnidesk could not be read): nothing is answered blind, and a
     * replay puts them back into their case's lane. {@code events} is stored as JSON in the letter's body.
     */
    public void parkWebhooks(long caseId, Object events) throws IOException {
        long now = System.currentTimeMillis();
        DeadLetter letter = new DeadLetter(
                newId(now), WEBHOOKS, caseId,
                "", "", null, json.writeValueAsString(events), null, "the case's messages could not be read", 1,
                now, now, null);
        write(letter);
        LOG.error("Case {}: webhooks parked as dead letter {}: {}", caseId, letter.id(), letter.reason());
    }

    /**
     * The letter's request, ready for {@code direct:omnidesk-write} again. Its write deadline has passed: if the case
     * does not show it, it is sent.
     */
    public OmnideskRequest restore(DeadLetter letter) {
        return new OmnideskRequest(letter.operation(), letter.caseId(), letter.method(), letter.path(), letter.query(),
                letter.body(), letter.text(), 0, null, 0, letter.files());
    }

    public List<DeadLetter> list() throws IOException {
        List<DeadLetter> letters = new ArrayList<>();
        if (shared() != null) {
            for (String letter : shared().all()) {
                letters.add(json.readValue(letter, DeadLetter.class));
            }
        }
        for (Path file : files()) {
            try {
                letters.add(json.readValue(file.toFile(), DeadLetter.class));
            } catch (IOException e) {
                LOG.error("Dead letter {} is unreadable; leaving it in place", file.getFileName());
            }
        }
        letters.sort(Comparator.comparing(DeadLetter::id)); // oldest first, wherever each is kept
        return letters;
    }

    public Optional<DeadLetter> find(String id) throws IOException {
        if (shared() != null && fileOf(id) != null) {
            String letter = shared().get(id);
            if (letter != null) {
                return Optional.of(json.readValue(letter, DeadLetter.class));
            }
        }
        Path file = fileOf(id);
        return file != null && Files.exists(file) ? Optional.of(json.readValue(file.toFile(), DeadLetter.class))
                : Optional.empty();
    }

    public boolean remove(String id) throws IOException {
        Path file = fileOf(id);
        boolean removed = file != null && shared() != null && shared().delete(id);
        return file != null && Files.deleteIfExists(file) || removed;
    }

    public int size() throws IOException {
        return (shared() != null ? shared().count() : 0) + files().size();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Time-ordered (files list oldest first) and unique. */
    private static String newId(long now) {
        return String.format("%d-%s", now, UUID.randomUUID().toString().substring(0, 8));
    }

    /** Ids come from admin requests: only our own id shape is accepted, so no path can be smuggled in. */
    private Path fileOf(String id) {
        return id != null && id.matches("[0-9]+-[0-9a-f]{8}") ? directory.resolve(id + ".json") : null;
    }

    private void write(DeadLetter letter) throws IOException {
        if (shared() != null) {
            try {
                shared().put(letter.id(), json.writeValueAsString(letter));
                Files.deleteIfExists(directory.resolve(letter.id() + ".json")); // kept here while the store was down
                return;
            } catch (RuntimeException e) {
                LOG.warn("Dead letter {} kept on this replica's disk: the shared store cannot be written ({})",
                        letter.id(), e.getMessage());
            }
        }
        AtomicFiles.write(directory.resolve(letter.id() + ".json"), json.writeValueAsBytes(letter), true);
    }

    private static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
