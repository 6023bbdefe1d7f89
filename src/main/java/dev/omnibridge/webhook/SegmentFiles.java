package dev.omnibridge.webhook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake journal's active segment file, used by its writer thread only: appends lines with one write, fsyncs,
 * and rolls to a fresh segment when the active one is full. It never opens a segment of an earlier run: their tails
 * may be torn, and a line glued to a torn one would be lost.
 */
final class SegmentFiles {

    /** Makes what was written durable; tests replace it with a slow or failing disk. */
    @FunctionalInterface
    interface Force {
        void force(FileChannel channel) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SegmentFiles.class);
    private static final int BUFFER_BYTES = 64 << 10;

    private final Path directory;
    private final long segmentBytes;
    private final boolean fsync;
    private final Force force;
    private long lastSegment;
    private long active = -1;
    private FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);

    /** {@code lastSegment}: the highest segment name on disk, new names go beyond it. */
    SegmentFiles(Path directory, long segmentBytes, boolean fsync, Force force, long lastSegment) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.fsync = fsync;
        this.force = force;
        this.lastSegment = lastSegment;
    }

    /** The segment lines go to now, or -1 if none is open. */
    long active() {
        return active;
    }

    /**
     * Writes the lines at the end of the active segment (a fresh one named {@code first} or beyond, if none is open
     * or it is full) and fsyncs them if {@code durable} and fsync is on. Returns the segment they are in.
     *
     * <p>On failure the written bytes are cut off again, so that the next write starts on a clean line of the same
     * segment, and the segment is kept: a disk that stays full does not leave a new file per attempt. If even that
     * fails, the segment is sealed (a torn last line is what the start-up scan expects) and the next write opens a
     * fresh one.
     */
    long append(List<byte[]> lines, long first, boolean durable) throws IOException {
        open(first);
        long start = -1;
        try {
            start = channel.position();
            fill(lines);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable && fsync) {
                force.force(channel);
            }
            return active;
        } catch (IOException | RuntimeException | Error e) {
            cutOff(start, e);
            throw e;
        } finally {
            if (buffer.capacity() > BUFFER_BYTES * 16) {
                buffer = ByteBuffer.allocateDirect(BUFFER_BYTES); // do not keep the memory of a rare huge batch
            }
        }
    }

    /** Fsyncs what was written unforced (completions) before the journal closes. */
    void force() throws IOException {
        if (channel != null && fsync) {
            force.force(channel);
        }
    }

    void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Intake journal: closing segment {} failed: {}", active, e.toString());
        }
        channel = null;
        active = -1;
    }

    private void open(long first) throws IOException {
        if (channel != null && channel.position() < segmentBytes) {
            return;
        }
        close();
        long segment = Math.max(first, lastSegment + 1); // names only grow, even if this open fails
        lastSegment = segment;
        channel = FileChannel.open(directory.resolve(JournalScan.segmentName(segment)),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        active = segment;
        if (fsync) {
            syncDirectory(); // the new file's directory entry must survive a crash too
        }
    }

    private void cutOff(long start, Throwable cause) {
        try {
            if (start < 0) {
                throw new IOException("no position to go back to", cause);
            }
            channel.truncate(start);
            channel.position(start);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Intake journal: sealing segment {} after a failed write ({})", active, e.toString());
            close();
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or fsync a directory (Windows): there the file's own fsync is all there is.
            LOG.debug("Intake journal: no fsync of the directory: {}", e.toString());
        }
    }

    private void fill(List<byte[]> lines) {
        int size = 0;
        for (byte[] line : lines) {
            size += line.length;
        }
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(Math.max(size, buffer.capacity() * 2));
        }
        buffer.clear();
        lines.forEach(buffer::put);
        buffer.flip();
    }
}
