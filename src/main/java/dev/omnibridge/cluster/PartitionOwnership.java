package dev.omnibridge.cluster;

import dev.omnibridge.dialog.DialogStore;
import dev.omnibridge.omnidesk.OmnideskBudget;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.component.kafka.consumer.support.subcription.DefaultSubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partitions of the intake topic this replica owns (cluster mode, {@code bridge.intake=kafka}), kept up to date
 * by the consumer group's rebalances. Camel's Kafka consumers subscribe through this bean (the registry name
 * {@code subscribeAdapter} is how they find it), so it sees every assignment and revocation, and on each assignment:
 * <ul>
 * <li>remembers, per partition, the end of the log: a record below it may have been handled by the partition's
 * previous owner (or by this replica before a crash) without its offset being committed, so it is handled as
 * <em>recovered</em> — the case is read before anything is answered ({@link #replayed});</li>
 * <li>forgets the dialogs' states: a case whose partition was elsewhere meanwhile is read from Omnidesk again rather
 * than answered from an old state;</li>
 * <li>gives the Omnidesk budget this replica's share of the partitions (used without a shared store).</li>
 * </ul>
 */
public class PartitionOwnership implements SubscribeAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionOwnership.class);

    /** Partition → the log's end when this replica got it: records below it may have been handled already. */
    private final Map<Integer, Long> replayBelow = new ConcurrentHashMap<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final AtomicLong assignments = new AtomicLong();
    private final AtomicLong replayedRecords = new AtomicLong();
    private volatile int allPartitions;
    private DialogStore dialogs;
    private OmnideskBudget budget;

    public void setDialogs(DialogStore dialogs) {
        this.dialogs = dialogs;
    }

    public void setBudget(OmnideskBudget budget) {
        this.budget = budget;
    }

    @Override
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener camelListener, TopicInfo topic) {
        new DefaultSubscribeAdapter().subscribe(consumer, new Listener(consumer, camelListener), topic);
    }

    /**
     * Whether the record at {@code offset} of {@code partition} may have been handled before (by the previous owner
     * of the partition, or before a crash), or was put back by a dead-letter replay ({@code requeued} header).
     */
    public boolean replayed(Integer partition, Long offset, Object requeued) {
        boolean replay = requeued != null
                || partition != null && offset != null && offset < replayBelow.getOrDefault(partition, -1L);
        if (replay) {
            replayedRecords.incrementAndGet();
        }
        return replay;
    }

    /** True once the group has given this replica its partitions (possibly none): readiness waits for it. */
    public boolean isAssigned() {
        return assignments.get() > 0;
    }

    public int ownedCount() {
        return owned.size();
    }

    /** The intake topic's partitions (0 until the first assignment). */
    public int allCount() {
        return allPartitions;
    }

    /** Records handled as possibly handled before, since the start. */
    public long replayedCount() {
        return replayedRecords.get();
    }

    private void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        long maybeHandled = 0;
        if (!partitions.isEmpty()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                long end = ends.getOrDefault(p, 0L);
                replayBelow.put(p.partition(), end);
                maybeHandled += Math.max(0, end - consumer.position(p));
                owned.add(p.partition());
            }
            if (allPartitions == 0) {
                allPartitions = consumer.partitionsFor(partitions.iterator().next().topic()).size();
            }
            dialogs.clear();
        }
        assignments.incrementAndGet();
        LOG.info("Partitions {} of the intake topic assigned (this replica owns {} of {}); {} record(s) not committed "
                + "by their last owner are checked against their case before any answer", numbers(partitions),
                owned.size(), allPartitions, maybeHandled);
        shareBudget();
    }

    private void revoked(Collection<TopicPartition> partitions, String how) {
        for (TopicPartition p : partitions) {
            owned.remove(p.partition());
            replayBelow.remove(p.partition());
        }
        if (!partitions.isEmpty()) {
            LOG.info("Partitions {} of the intake topic {} (this replica owns {})", numbers(partitions), how,
                    owned.size());
        }
        shareBudget();
    }

    private void shareBudget() {
        if (allPartitions > 0) {
            budget.setPartitionShare(owned.size(), allPartitions);
        }
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(p -> numbers.add(p.partition()));
        return numbers;
    }

    /** Camel's own listener (it commits and seeks) first, then this replica's bookkeeping. */
    private final class Listener implements ConsumerRebalanceListener {

        private final Consumer<?, ?> consumer;
        private final ConsumerRebalanceListener camel;

        Listener(Consumer<?, ?> consumer, ConsumerRebalanceListener camel) {
            this.consumer = consumer;
            this.camel = camel;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            camel.onPartitionsRevoked(partitions);
            revoked(partitions, "revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            camel.onPartitionsLost(partitions);
            revoked(partitions, "lost");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            camel.onPartitionsAssigned(partitions);
            assigned(consumer, partitions);
        }
    }
}
