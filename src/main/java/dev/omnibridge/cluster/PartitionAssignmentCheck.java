package dev.omnibridge.cluster;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness in cluster mode: DOWN until the consumer group has given this replica its partitions. A rolling update
 * then takes an old pod away only once the new one has joined the group (until then the old ones answer every case).
 */
public class PartitionAssignmentCheck extends AbstractHealthCheck {

    private boolean kafkaIntake;

    public PartitionAssignmentCheck() {
        super("bridge", "kafka-partitions");
    }

    /** Only in cluster mode (bridge.intake=kafka). */
    public void setIntake(String intake) {
        this.kafkaIntake = "kafka".equals(intake);
        setEnabled(kafkaIntake);
    }

    @Override
    public boolean isLiveness() {
        return false; // a slow rebalance is no reason to restart the process
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // the registry's instance: the one Camel's Kafka consumers subscribe through
        PartitionOwnership ownership = getCamelContext().getRegistry()
                .lookupByNameAndType("subscribeAdapter", PartitionOwnership.class);
        if (ownership != null && ownership.isAssigned()) {
            builder.detail("partitions.owned", ownership.ownedCount()).detail("partitions.all", ownership.allCount())
                    .up();
        } else {
            builder.message("waiting for the consumer group to assign this replica its partitions").down();
        }
    }
}
