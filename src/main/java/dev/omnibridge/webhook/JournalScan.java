package dev.omnibridge.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.omnibridge.dialog.WebhookEvent;
import dev.omnibridge.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the intake directory at start-up into a {@link JournalIndex}: the segments in order, plus the
 * one-file-per-entry {@code .json} files a former release may have left. Removes what was never acknowledged (temp
 * files, a torn last line) and sets aside what is damaged (into {@code corrupt/}) without stopping.
 */
final class JournalScan {

    static final String SEGMENT_SUFFIX = ".log";
    static final String LEGACY_SUFFIX = ".json";
    static final String CORRUPT_DIRECTORY = "corrupt";

    private static final Logger LOG = LoggerFactory.getLogger(JournalScan.class);

    /** One line of a segment: an append ({@code seq} and {@code event}) or a completion ({@code done}). */
    private record Line(Long seq, WebhookEvent event, Long done) {
        boolean valid() {
            return seq != null && event != null && done == null || done != null && seq == null && event == null;
        }
    }

    final JournalIndex index = new JournalIndex();
    /** The highest sequence number and segment name seen, so that new ones are beyond both. */
    long lastSeq;
    long lastSegment;

    private final Path directory;
    private final ObjectMapper json;
    private final ObjectReader lines;

    JournalScan(Path directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
        // "{"done":1}{"seq"…" is damage, not a record followed by noise.
        this.lines = json.readerFor(Line.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    static String segmentName(long first) {
        return String.format("%019d%s", first, SEGMENT_SUFFIX);
    }

    /** The segment's first sequence number, or -1 if the name is not a segment's. */
    static long segmentOf(String fileName) {
        if (!fileName.endsWith(SEGMENT_SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(0, fileName.length() - SEGMENT_SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    JournalScan run() throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        List<Path> legacyFiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(file); // a legacy write that never completed was never acknowledged
                } else if (name.endsWith(LEGACY_SUFFIX)) {
                    legacyFiles.add(file);
                } else if (segmentOf(name) >= 0) {
                    segments.put(segmentOf(name), file);
                }
            }
        }
        for (Path file : legacyFiles) {
            readLegacy(file);
        }
        for (var segment : segments.entrySet()) {
            readSegment(segment.getKey(), segment.getValue());
        }
        return this;
    }

    private void readLegacy(Path file) throws IOException {
        try {
            index.legacy(file.getFileName().toString(), json.readValue(file.toFile(), WebhookEvent.class));
        } catch (IOException e) {
            Path corrupt = Files.createDirectories(directory.resolve(CORRUPT_DIRECTORY));
            Files.move(file, corrupt.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            LOG.error("Intake journal entry {} is unreadable ({}) and was moved to {}", file.getFileName(),
                    e.getClass().getSimpleName(), corrupt);
        }
    }

    private void readSegment(long segment, Path file) throws IOException {
        index.sealed(segment); // never appended to again: its tail may be torn
        lastSegment = Math.max(lastSegment, segment);
        byte[] bytes = Files.readAllBytes(file);
        List<int[]> found = lines(bytes); // {start, end, line number}
        boolean damaged = false;
        for (int i = 0; i < found.size(); i++) {
            int[] at = found.get(i);
            Line line;
            try {
                line = lines.readValue(bytes, at[0], at[1] - at[0]);
            } catch (IOException e) {
                line = null;
            }
            if (line != null && line.valid()) {
                apply(line, segment);
            } else if (i == found.size() - 1) {
                // Its fsync never returned, so it was never acknowledged: the sender got no 200 and sends it again.
                LOG.warn("Intake journal segment {}: ignoring the torn last line {}", file.getFileName(), at[2]);
            } else {
                LOG.error("Intake journal segment {}: line {} is unreadable and was skipped", file.getFileName(),
                        at[2]);
                damaged = true;
            }
        }
        if (damaged) {
            Path corrupt = Files.createDirectories(directory.resolve(CORRUPT_DIRECTORY));
            Files.copy(file, corrupt.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            LOG.error("Intake journal segment {} was copied to {} for inspection", file.getFileName(), corrupt);
        }
    }

    private void apply(Line line, long segment) {
        if (line.done() != null) {
            lastSeq = Math.max(lastSeq, line.done());
            index.completed(line.done()); // may close an entry of an older segment, or one already deleted
        } else {
            lastSeq = Math.max(lastSeq, line.seq());
            index.appended(line.seq(), line.event(), segment);
        }
    }

    /** The non-blank lines of the segment, without their '\n'. */
    private static List<int[]> lines(byte[] bytes) {
        List<int[]> found = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (!blank(bytes, start, i)) {
                    found.add(new int[] {start, i, number});
                }
                start = i + 1;
                number++;
            }
        }
        return found;
    }

    private static boolean blank(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
