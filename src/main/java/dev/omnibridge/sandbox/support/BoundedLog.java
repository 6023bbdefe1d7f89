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

    public BoundedLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(T entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    public synchronized List<T> snapshot() {
        return List.copyOf(entries);
    }
}
