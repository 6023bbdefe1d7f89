package dev.omnibridge.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.dialog.BurstCollector;
import dev.omnibridge.dialog.WebhookEvent;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes "accepted" mean "durable": every accepted webhook is appended to a log and fsync'd before the webhook is
 * answered; a completion record follows once the dialog route has handled it (or parked it as a dead letter). What
 * was appended and not completed at start-up was accepted but not finished, and is handled again in arrival order.
 *
 * <p>Why a log with group commit: one file per webhook (create, fsync, rename) serialized in the file system's journal
 * and capped acknowledgements at 1,000-2,000/s. Here one writer thread takes every record queued while its previous
 * fsync ran, writes them with one call and fsyncs once for all of them: concurrent webhooks share an fsync.
 *
 * <p>On disk, in {@code intake/}: segments named by their first sequence number ({@code 0000000000000000042.log}),
 * one JSON record per line, {@code {"seq":N,"event":{…}}} or {@code {"done":N}}. A segment is sealed once it passes
 * {@link #SEGMENT_BYTES}, and deleted once none of its entries, nor of an older segment, is open ({@link JournalIndex}).
 * Completion records are not fsync'd: one lost in a crash only means that webhook is handled again, which recovery
 * tolerates.
 *
 * <p>Camel Main creates YAML beans twice, so {@link #init()} only reads: the writer thread and the first segment start
 * with the first record. {@link #close()} (the bean's destroy method) flushes and stops them.
 */
public class IntakeJournal {

    static final long SEGMENT_BYTES = 16L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(IntakeJournal.class);
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    /** A line to write; an append has a waiter, a completion has none. */
    private record Record(long seq, WebhookEvent event, byte[] line, CompletableFuture<Void> durable) {
        boolean isAppend() {
            return durable != null;
        }
    }

    // Entries written by an older release may carry fields this one does not know: read what is known.
    private final ObjectMapper json = Json.MAPPER;
    private final long segmentBytes;
    private final SegmentFiles.Force force;
    private final AtomicLong forces = new AtomicLong();
    private Path directory = Path.of("data", "intake");
    private boolean fsync = true;

    private final Object lock = new Object();
    // Guarded by lock.
    private JournalIndex index = new JournalIndex();
    private List<Record> queue = new ArrayList<>();
    private long nextSeq = 1;
    private long lastSegment; // the highest segment name init() found
    private Thread writer;
    private boolean closed;

    // Created with the writer thread, then that thread's own.
    private SegmentFiles files;
    private final List<byte[]> carried = new ArrayList<>();

    public IntakeJournal() {
        this(SEGMENT_BYTES, channel -> channel.force(false));
    }

    IntakeJournal(long segmentBytes, SegmentFiles.Force force) {
        this.segmentBytes = segmentBytes;
        this.force = channel -> {
            force.force(channel);
            forces.incrementAndGet();
        };
    }

    public void setDirectory(String directory) {
        this.directory = Path.of(directory);
    }

    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }

    /** Reads what an earlier run left. Starts nothing and creates no segment: this instance may be thrown away. */
    public void init() throws IOException {
        Files.createDirectories(directory);
        JournalScan scan = new JournalScan(directory, json).run();
        synchronized (lock) {
            if (writer != null) {
                throw new IllegalStateException("The intake journal is already in use");
            }
            index = scan.index;
            nextSeq = Math.max(scan.lastSeq, scan.lastSegment) + 1;
            lastSegment = scan.lastSegment;
        }
        deleteFinishedSegments();
    }

    /**
     * Persists the event and returns once it is durable (written, and fsync'd if {@code fsync}): the entry's name,
     * which the routes keep in the {@value BurstCollector#JOURNAL_ENTRY} property until the event is handled.
     */
    public String append(WebhookEvent event) throws IOException {
        byte[] eventJson = json.writeValueAsBytes(event); // here, not on the writer thread that everyone waits for
        CompletableFuture<Void> durable = new CompletableFuture<>();
        long seq;
        synchronized (lock) {
            if (closed) {
                throw new IOException("The intake journal is closed");
            }
            seq = nextSeq++; // under the lock that queues it: the log is in sequence order
            enqueue(new Record(seq, event, appendLine(seq, eventJson), durable));
        }
        try {
            durable.join(); // not interruptible: once queued the line is written anyway, and the outcome must be known
        } catch (CompletionException e) {
            throw new IOException("Intake journal write failed: " + e.getCause().getMessage(), e.getCause());
        }
        return Long.toString(seq);
    }

    /** The event has been handled (or parked as a dead letter): forget it. Idempotent; no-op without an entry. */
    public void complete(String entry) throws IOException {
        completeEntry(entry);
    }

    /** The events of a finished turn have been handled: forget their entries. */
    public void completeAll(List<String> names) throws IOException {
        for (String name : names) {
            completeEntry(name);
        }
    }

    private void completeEntry(String name) throws IOException {
        if (name == null) {
            return;
        }
        if (name.endsWith(JournalScan.LEGACY_SUFFIX)) {
            synchronized (lock) {
                index.legacyCompleted(name);
            }
            Files.deleteIfExists(directory.resolve(name));
            return;
        }
        long seq;
        try {
            seq = Long.parseLong(name);
        } catch (NumberFormatException e) {
            LOG.warn("Not an intake journal entry: {}", name);
            return;
        }
        synchronized (lock) {
            if (!index.completed(seq)) {
                return; // completed already
            }
            if (closed) {
                // A lane still finishing after close() (Camel's shutdown timeout ran out). Not recorded: the entry is
                // handled again at the next start, exactly like a completion lost in a crash, which the recovery
                // path tolerates (the case's messages are checked before anything is sent again).
                LOG.info("Intake journal closed: entry {} will be handled again at the next start", name);
                return;
            }
            enqueue(new Record(seq, null, doneLine(seq), null)); // no waiter and no fsync of its own
        }
    }

    /** Entries accepted but not completed, oldest first. */
    public List<JournalEntry> pending() {
        List<JournalEntry> entries;
        synchronized (lock) {
            entries = index.entries();
        }
        if (!entries.isEmpty()) {
            LOG.info("Resuming {} webhook(s) accepted before the last stop", entries.size());
        }
        return entries;
    }

    /** Entries accepted but not completed, counted in memory. */
    public int size() {
        synchronized (lock) {
            return index.size();
        }
    }

    /** Writes what is queued, fsyncs, stops the writer and closes the segment. Appends are refused from now on. */
    public void close() {
        Thread stopping;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = writer;
            lock.notifyAll();
        }
        if (stopping != null) {
            try {
                // Bounded: a hung disk must not hold up the shutdown. Every acknowledged append is fsync'd already.
                stopping.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stopping.isAlive()) {
                LOG.warn("Intake journal: the writer did not finish within {} ms", CLOSE_WAIT_MILLIS);
            }
        }
    }

    /** How many fsyncs the journal made: fewer than appends when they were committed in groups. */
    long forces() {
        return forces.get();
    }

    /** Records waiting for the writer (tests: to know a group is queued). */
    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Under the lock. The writer starts with the first record, not in init() (see the class comment). */
    private void enqueue(Record record) {
        if (writer == null) {
            files = new SegmentFiles(directory, segmentBytes, fsync, force, lastSegment);
            writer = new Thread(this::writeLoop, "intake-journal-writer");
            writer.setDaemon(true);
            writer.start();
        }
        queue.add(record);
        if (queue.size() == 1) {
            lock.notifyAll(); // the writer only waits on an empty queue
        }
    }

    private void writeLoop() {
        boolean stopping = false;
        while (!stopping) {
            List<Record> batch;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // only close() stops the writer: whoever waits on a record must get an answer
                    }
                }
                batch = queue;
                queue = new ArrayList<>();
                stopping = closed;
            }
            write(batch, stopping);
            deleteFinishedSegments();
        }
        files.close();
        synchronized (lock) {
            index.active(-1);
        }
    }

    /** One group commit: every queued line in one write, one fsync if an append waits for it (or at close). */
    private void write(List<Record> batch, boolean last) {
        List<byte[]> lines = new ArrayList<>(carried);
        batch.forEach(record -> lines.add(record.line()));
        long firstAppend = batch.stream().filter(Record::isAppend).mapToLong(Record::seq).findFirst().orElse(-1);
        long segment;
        try {
            if (lines.isEmpty()) {
                if (last) {
                    files.force();
                }
                return;
            }
            segment = files.append(lines, firstAppend >= 0 ? firstAppend : peekNextSeq(), firstAppend >= 0 || last);
            carried.clear();
        } catch (IOException | RuntimeException | Error e) {
            failed(batch, e);
            return;
        }
        synchronized (lock) {
            index.active(segment);
            for (Record record : batch) {
                if (record.isAppend()) {
                    index.appended(record.seq(), record.event(), segment);
                }
            }
        }
        for (Record record : batch) {
            if (record.isAppend()) {
                record.durable().complete(null);
            }
        }
    }

    /**
     * The batch's waiters get the error (their webhooks answer 503 and are sent again) and the writer goes on, on the
     * same segment or a fresh one ({@link SegmentFiles#append}). The batch's completions are carried into the next
     * write, with one more for each failed append in case its line reached the disk anyway.
     */
    private void failed(List<Record> batch, Throwable error) {
        IOException cause = error instanceof IOException io ? io : new IOException(error.toString(), error);
        LOG.error("Intake journal write failed, {} webhook(s) refused: {}",
                batch.stream().filter(Record::isAppend).count(), cause.toString());
        for (Record record : batch) {
            carried.add(record.isAppend() ? doneLine(record.seq()) : record.line());
        }
        synchronized (lock) {
            index.active(files.active());
        }
        for (Record record : batch) {
            if (record.isAppend()) {
                record.durable().completeExceptionally(cause);
            }
        }
    }

    /** Deletes finished sealed segments; one that cannot be deleted is tried again after the next batch. */
    private void deleteFinishedSegments() {
        List<Long> finished;
        synchronized (lock) {
            finished = index.finishedSegments();
        }
        for (long segment : finished) {
            try {
                Files.deleteIfExists(directory.resolve(JournalScan.segmentName(segment)));
            } catch (IOException e) {
                LOG.warn("Intake journal: cannot delete segment {}: {}", segment, e.toString());
                return; // younger finished segments wait for it (see JournalIndex.finishedSegments)
            }
            synchronized (lock) {
                index.deleted(segment);
            }
        }
    }

    private long peekNextSeq() {
        synchronized (lock) {
            return nextSeq;
        }
    }

    private static byte[] appendLine(long seq, byte[] event) {
        byte[] head = ("{\"seq\":" + seq + ",\"event\":").getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(head, head.length + event.length + 2);
        System.arraycopy(event, 0, line, head.length, event.length);
        line[line.length - 2] = '}';
        line[line.length - 1] = '\n'; // JSON escapes newlines in strings: one record, one line
        return line;
    }

    private static byte[] doneLine(long seq) {
        return ("{\"done\":" + seq + "}\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One pending webhook: its name (to complete it later) and the event. */
    public record JournalEntry(String name, WebhookEvent event) {}
}
