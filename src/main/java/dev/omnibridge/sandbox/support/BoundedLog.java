package dev.omnibridge.sandbox.support;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Append-only record that keeps the latest {@code capacity} entries, so a sandbox left running does not grow forever.
 * Public only for the sandbox's {@code telegram} package.
 */
public final class BoundedLog<T> {

    private final ArrayDeque<T> entries = new ArrayDeque<>();
    private final int capacity;
    private final Runnable added;

    public BoundedLog(int capacity) {
        this(capacity, () -> { });
    }

    /** {@code added} runs after each entry, outside the log's lock (it tells the change feed). */
    public BoundedLog(int capacity, Runnable added) {
        this.capacity = capacity;
        this.added = added;
    }

    public void add(T entry) {
        synchronized (this) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
        added.run();
    }

    public synchronized List<T> snapshot() {
        return List.copyOf(entries);
    }
}
