package dev.omnibridge.cluster;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake topic of cluster mode: made with {@code kafka.partitions} partitions when it does not exist yet (a broker
 * that creates topics on first use would make it with its default, often 1: one replica would do all the work), and
 * described for {@code check}. A Strimzi {@code KafkaTopic} may own it instead (deploy/kubernetes-cluster); then this
 * only finds it. The connection settings are the Kafka component's ({@code camel.component.kafka.*}: brokers, TLS,
 * SASL), so the topic is reached as the routes reach it.
 */
public class IntakeTopic implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeTopic.class);
    private static final long TIMEOUT_SECONDS = 10;

    private CamelContext camelContext;
    private String topic = "omnidesk-webhooks";
    private int partitions = 12;

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    /** Makes the topic when it is missing; returns its partitions. */
    public int ensure() throws Exception {
        try (Admin admin = Admin.create(adminProperties(connection(camelContext)))) {
            try {
                int found = partitionsOf(admin, topic);
                if (found < partitions) {
                    LOG.warn("The intake topic {} has {} partitions, kafka.partitions says {}: at most {} replicas share "
                            + "the work (Kafka can add partitions, never remove them)", topic, found, partitions, found);
                }
                return found;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            short replication = (short) Math.min(3, brokers);
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, replication)))
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.info("Created the intake topic {} with {} partitions, replication factor {}", topic, partitions,
                        replication);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another replica made it meanwhile
                    throw e;
                }
            }
            return partitionsOf(admin, topic);
        }
    }

    /** The topic's partitions; an ExecutionException caused by UnknownTopicOrPartitionException when it is missing. */
    static int partitionsOf(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        return description.partitions().size();
    }

    /**
     * What {@code check} reports: the brokers answer, and the topic's partitions (or that it will be made at start).
     * Null-free one line; throws when the brokers cannot be reached.
     */
    public static String describe(Properties connection, String topic, int wanted) throws Exception {
        try (Admin admin = Admin.create(adminProperties(connection))) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            String cluster = brokers + " broker(s)";
            try {
                int found = partitionsOf(admin, topic);
                return cluster + "; topic " + topic + " has " + found + " partition(s)"
                        + (found < wanted ? " (kafka.partitions says " + wanted + ")" : "");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return cluster + "; topic " + topic + " does not exist yet (made with " + wanted
                            + " partitions at start)";
                }
                throw e;
            }
        }
    }

    /** How the routes reach Kafka: the component's brokers and its client settings (TLS, SASL, ...). */
    static Properties connection(CamelContext camelContext) {
        KafkaConfiguration kafka = camelContext.getComponent("kafka", KafkaComponent.class).getConfiguration();
        Properties connection = kafka.createConsumerProperties();
        connection.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokers());
        return connection;
    }

    /** The keys of {@code connection} a client knows ({@code names}: its config names): each other one logs a warning. */
    static Properties only(Set<String> names, Map<Object, Object> connection) {
        Properties known = new Properties();
        connection.forEach((key, value) -> {
            if (names.contains(String.valueOf(key)) && value != null) {
                known.put(key, value);
            }
        });
        return known;
    }

    /** Only the keys an admin client knows (the consumer's would each log a warning), and short timeouts. */
    static Properties adminProperties(Map<Object, Object> connection) {
        Properties admin = only(AdminClientConfig.configNames(), connection);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return admin;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
