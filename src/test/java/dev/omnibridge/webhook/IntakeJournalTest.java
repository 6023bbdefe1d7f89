package dev.omnibridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import dev.omnibridge.webhook.IntakeJournal.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeJournalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<IntakeJournal> opened = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(32);

    @AfterEach
    void closeJournals() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        opened.forEach(IntakeJournal::close);
    }


    @Test
    void concurrentAppendsGetDistinctIdsShareFsyncsAndSurviveARestartUnlessCompleted() throws Exception {
        IntakeJournal journal = open(IntakeJournal.SEGMENT_BYTES, null);
        List<Future<String>> appends = new ArrayList<>();
        for (int i = 0; i < 640; i++) {
            long caseId = 1000 + i;
            appends.add(threads.submit(() -> append(journal, caseId)));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> append : appends) {
            ids.add(append.get(30, TimeUnit.SECONDS));
        }
        assertThat(new HashSet<>(ids)).hasSize(640);
        assertThat(journal.size()).isEqualTo(640);
        // 32 appenders at once: a batch's fsync is shared by whoever queued meanwhile.
        assertThat(journal.forces()).isPositive().isLessThan(640);

        Set<String> completed = new HashSet<>();
        for (int i = 0; i < ids.size(); i += 3) {
            complete(journal, ids.get(i));
            completed.add(ids.get(i));
        }
        complete(journal, ids.get(0)); // idempotent
        assertThat(journal.size()).isEqualTo(640 - completed.size());
        journal.close();

        IntakeJournal again = open(IntakeJournal.SEGMENT_BYTES, null);
        List<JournalEntry> pending = again.pending();
        List<String> expected = ids.stream().filter(id -> !completed.contains(id))
                .sorted((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b))).toList();
        assertThat(pending).extracting(JournalEntry::name).containsExactlyElementsOf(expected);
        assertThat(pending).allSatisfy(e -> assertThat(e.event().text()).isEqualTo("hello " + e.event().caseId()));
        assertThat(again.size()).isEqualTo(expected.size());

        // A new run numbers beyond the old one, in a segment of its own.
        Set<Path> before = segments();
        String next = append(again, 1);
        assertThat(Long.parseLong(next)).isGreaterThan(Long.parseLong(expected.get(expected.size() - 1)));
        assertThat(segments()).hasSize(before.size() + 1).containsAll(before);
    }

    @Test
    void anEntryIsDurableWhenAppendReturnsEvenWithoutClose() throws Exception {
        IntakeJournal journal = open(IntakeJournal.SEGMENT_BYTES, null);
        String id = append(journal, 7);
        // No close: what append acknowledged is already in the file.
        IntakeJournal again = new IntakeJournal();
        again.setDirectory(dir.toString());
        again.init();
        assertThat(again.pending()).extracting(JournalEntry::name).containsExactly(id);
    }

    @Test
    void groupCommitWritesEverythingQueuedDuringAnFsyncWithOneFsync() throws Exception {
        CountDownLatch firstForceEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstForce = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        IntakeJournal journal = open(IntakeJournal.SEGMENT_BYTES, channel -> {
            if (calls.incrementAndGet() == 1) {
                firstForceEntered.countDown();
                awaitLatch(releaseFirstForce);
            }
            channel.force(false);
        });
        Future<String> first = threads.submit(() -> append(journal, 1));
        assertThat(firstForceEntered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> group = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            long caseId = 2 + i;
            group.add(threads.submit(() -> append(journal, caseId)));
        }
        await().atMost(WAIT).until(() -> journal.queued() == 31);
        assertThat(first).isNotDone();

        releaseFirstForce.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<String> append : group) {
            append.get(10, TimeUnit.SECONDS);
        }
        assertThat(journal.forces()).isEqualTo(2);
        assertThat(journal.size()).isEqualTo(32);
    }

    @Test
    void aFailedFsyncFailsEveryWaiterOfItsBatchAndTheWriterGoesOn() throws Exception {
        CountDownLatch firstForceEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstForce = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        IntakeJournal journal = open(IntakeJournal.SEGMENT_BYTES, channel -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                firstForceEntered.countDown();
                awaitLatch(releaseFirstForce);
            } else if (call == 2) {
                throw new IOException("disk on fire");
            }
            channel.force(false);
        });
        Future<String> first = threads.submit(() -> append(journal, 1));
        assertThat(firstForceEntered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> failing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long caseId = 2 + i;
            failing.add(threads.submit(() -> append(journal, caseId)));
        }
        await().atMost(WAIT).until(() -> journal.queued() == 3);
        releaseFirstForce.countDown();
        String kept = first.get(10, TimeUnit.SECONDS);
        for (Future<String> append : failing) {
            assertThatThrownBy(() -> append.get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(IOException.class).hasRootCauseMessage("disk on fire");
        }
        assertThat(journal.size()).isEqualTo(1);

        String later = append(journal, 9);
        journal.close();

        IntakeJournal again = open(IntakeJournal.SEGMENT_BYTES, null);
        assertThat(again.pending()).extracting(JournalEntry::name).containsExactly(kept, later);
        assertThat(dir.resolve("corrupt")).doesNotExist();
    }

    @Test
    void aTornLastLineIsIgnored() throws Exception {
        Path segment = dir.resolve("0000000000000000001.log");
        Files.writeString(segment, appendLine(1, 11) + appendLine(2, 12) + "{\"done\":1}\n"
                + appendLine(3, 13).substring(0, 30));
        IntakeJournal journal = open(IntakeJournal.SEGMENT_BYTES, null);
        assertThat(journal.pending()).extracting(JournalEntry::name).containsExactly("2");
        assertThat(dir.resolve("corrupt")).doesNotExist();

        String next = append(journal, 14);
        assertThat(Long.parseLong(next)).isGreaterThan(2);
        assertThat(Files.readString(segment)).endsWith(appendLine(3, 13).substring(0, 30)); // never appended to
    }

    @Test
    void anUnreadableLineInTheMiddleIsSkippedAndTheSegmentCopiedAside() throws Exception {
        String content = appendLine(1, 11) + "{\"seq\":2,\"event\":{\"caseId\":\n" + appendLine(3, 13)
                + "{\"done\":5}\n";
        Files.writeString(dir.resolve("0000000000000000001.log"), content);
        IntakeJournal journal = open(IntakeJournal.SEGMENT_BYTES, null);
        assertThat(journal.pending()).extracting(JournalEntry::name).containsExactly("1", "3");
        assertThat(dir.resolve("corrupt/0000000000000000001.log")).hasContent(content);
        // Seen seqs include completions: the next one is beyond 5.
        assertThat(Long.parseLong(append(journal, 1))).isGreaterThan(5);
    }

    @Test
    void sealedSegmentsAreDeletedOldestFirstOnceNoneOfTheirEntriesIsOpen() throws Exception {
        IntakeJournal journal = open(1, null); // every batch starts a segment
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(append(journal, i));
        }
        Set<Path> appendSegments = segments();
        assertThat(appendSegments).hasSize(5);
        // Entries 2..5 done, but the oldest segment still holds entry 1: nothing may go, not even the segments with
        // the completions of 2..5 (without them, 2..5 would come back).
        for (String id : ids.subList(1, 5)) {
            complete(journal, id);
        }
        journal.close();
        assertThat(segments()).containsAll(appendSegments);

        IntakeJournal again = open(1, null);
        assertThat(segments()).containsAll(appendSegments);
        assertThat(again.pending()).extracting(JournalEntry::name).containsExactly(ids.get(0));
        complete(again, ids.get(0));
        // Everything before the segment that takes this completion is finished and sealed.
        await().atMost(WAIT).until(() -> segments().size() == 1);
        assertThat(segments()).doesNotContainAnyElementsOf(appendSegments);
        again.close();

        IntakeJournal third = open(1, null);
        assertThat(third.pending()).isEmpty();
        assertThat(segments()).isEmpty(); // the last run's segment held only a completion
    }

    @Test
    void legacyFilesArePendingFirstAndCompletingOneDeletesIt() throws Exception {
        String legacyName = "0000000000000000007-42.json";
        Files.write(dir.resolve(legacyName), JSON.writeValueAsBytes(event(42)));
        Files.writeString(dir.resolve("0000000000000000008-43.json.tmp"), "{\"caseId\":4");
        Files.writeString(dir.resolve("0000000000000000001.log"), appendLine(1, 11));
        IntakeJournal journal = open(IntakeJournal.SEGMENT_BYTES, null);

        assertThat(journal.pending()).extracting(JournalEntry::name).containsExactly(legacyName, "1");
        assertThat(journal.pending().get(0).event()).isEqualTo(event(42));
        assertThat(dir.resolve("0000000000000000008-43.json.tmp")).doesNotExist();

        complete(journal, legacyName);
        complete(journal, legacyName);
        assertThat(dir.resolve(legacyName)).doesNotExist();
        assertThat(journal.size()).isEqualTo(1);
    }

    @Test
    void initStartsNothingAndAClosedJournalRefusesAppendsButToleratesCompletions() throws Exception {
        IntakeJournal unused = open(IntakeJournal.SEGMENT_BYTES, null);
        assertThat(segments()).isEmpty(); // Camel may throw this instance away
        unused.close();

        IntakeJournal journal = open(IntakeJournal.SEGMENT_BYTES, null);
        String id = append(journal, 5);
        journal.close();
        assertThatThrownBy(() -> append(journal, 6)).isInstanceOf(IOException.class);
        complete(journal, id); // a lane finishing after close: no exception
        complete(journal, "not-an-entry");
        journal.complete(null);
    }

    private IntakeJournal open(long segmentBytes, SegmentFiles.Force force) throws IOException {
        IntakeJournal journal = force == null ? new IntakeJournal(segmentBytes, c -> c.force(false))
                : new IntakeJournal(segmentBytes, force);
        journal.setDirectory(dir.toString());
        journal.setFsync(true);
        journal.init();
        opened.add(journal);
        return journal;
    }

    private static String append(IntakeJournal journal, long caseId) throws Exception {
        return journal.append(event(caseId));
    }

    private static void complete(IntakeJournal journal, String id) throws IOException {
        journal.complete(id);
    }

    private static WebhookEvent event(long caseId) {
        return new WebhookEvent(caseId, "new_message", "visitor", "hello " + caseId,
                new Visitor("v" + caseId, "Name\nwith a newline", "", ""), 1_700_000_000_000L);
    }

    private static String appendLine(long seq, long caseId) throws IOException {
        return "{\"seq\":" + seq + ",\"event\":" + JSON.writeValueAsString(event(caseId)) + "}\n";
    }

    private Set<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new HashSet<>(files.filter(f -> f.toString().endsWith(".log")).toList());
        }
    }

    private static void awaitLatch(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IOException("test latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
