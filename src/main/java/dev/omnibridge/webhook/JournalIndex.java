package dev.omnibridge.webhook;

import dev.omnibridge.dialog.WebhookEvent;
import dev.omnibridge.webhook.IntakeJournal.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The intake journal's state in memory, so that {@code pending()} and {@code size()} need no rescan: entries accepted
 * and not completed yet, and per segment file how many of its entries are still open. Not thread-safe: the journal
 * guards it with its lock.
 */
final class JournalIndex {

    /** An open entry and the segment its append record is in. */
    private record Open(WebhookEvent event, long segment) {}

    private final Map<String, WebhookEvent> legacy = new TreeMap<>();
    private final TreeMap<Long, Open> open = new TreeMap<>();
    private final TreeMap<Long, int[]> openPerSegment = new TreeMap<>();
    private long active = -1;

    /** A one-file-per-entry {@code .json} file of the former journal format. */
    void legacy(String name, WebhookEvent event) {
        legacy.put(name, event);
    }

    boolean legacyCompleted(String name) {
        return legacy.remove(name) != null;
    }

    /** A segment found on disk at start-up: sealed, the journal never appends to it again. */
    void sealed(long segment) {
        openPerSegment.putIfAbsent(segment, new int[1]);
    }

    /** The segment the writer appends to now (-1: none); any other is sealed, the journal never appends to it. */
    void active(long segment) {
        if (segment >= 0) {
            sealed(segment);
        }
        active = segment;
    }

    /** An append record is durable in the segment. A seq seen twice (should not happen) counts once. */
    void appended(long seq, WebhookEvent event, long segment) {
        if (open.putIfAbsent(seq, new Open(event, segment)) == null) {
            openPerSegment.computeIfAbsent(segment, s -> new int[1])[0]++;
        }
    }

    /** Returns false if the entry is not open (unknown, or completed already). */
    boolean completed(long seq) {
        Open entry = open.remove(seq);
        if (entry == null) {
            return false;
        }
        int[] count = openPerSegment.get(entry.segment());
        if (count != null) {
            count[0]--;
        }
        return true;
    }

    /**
     * Sealed segments that may be deleted, oldest first: the leading run of segments without an open entry. A finished
     * segment after one that is not finished stays: its completion records may be what closes entries of the older
     * segment, so it must not disappear before that one does.
     */
    List<Long> finishedSegments() {
        List<Long> finished = new ArrayList<>();
        for (Map.Entry<Long, int[]> segment : openPerSegment.entrySet()) {
            if (segment.getKey() == active || segment.getValue()[0] > 0) {
                break;
            }
            finished.add(segment.getKey());
        }
        return finished;
    }

    /** The segment's file is gone. */
    void deleted(long segment) {
        openPerSegment.remove(segment);
    }

    int size() {
        return legacy.size() + open.size();
    }

    /** Legacy files first (written before the upgrade, so older), then by sequence number. */
    List<JournalEntry> entries() {
        List<JournalEntry> entries = new ArrayList<>(size());
        legacy.forEach((name, event) -> entries.add(new JournalEntry(name, event)));
        open.forEach((seq, entry) -> entries.add(new JournalEntry(Long.toString(seq), entry.event())));
        return entries;
    }
}
