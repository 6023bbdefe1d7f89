package dev.omnibridge.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One bridge process per data directory: a second one would take over the first one's intake journal (and delete
 * segments it is still writing to). The lock is an OS file lock on {@code bridge.lock}, held while the bridge runs
 * and released by the operating system when the process dies, kill -9 included; the file names the holder's pid.
 */
public final class DataDirectoryLock implements AutoCloseable {

    public static final String FILE = "bridge.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws IllegalStateException one line naming the directory and the process that holds it
     * @throws IOException           the directory cannot be created or the lock file opened
     */
    public static DataDirectoryLock acquire(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new IllegalStateException("the data directory " + dir + " is in use by another bridge process"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + "; give each bridge its own bridge.data-dir (BRIDGE_DATA_DIR)");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new DataDirectoryLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int read = channel.read(buffer, 0);
            return read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).strip()
                    .replaceAll("[^0-9]", "");
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
