package dev.omnibridge.cluster;

import dev.omnibridge.omnidesk.SharedDeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Cluster mode without Redis: the dead letters of every replica on a compacted Kafka topic of one partition, keyed by
 * letter id (a letter is its latest record; a removal is a tombstone). A write waits for the brokers ({@code acks=all});
 * a read first catches up with the topic's end, so any replica lists what any other parked or removed. Letters are
 * few (a dead letter is an outage's leftover), so each replica reads them all into memory. Nothing connects before the
 * first use: a bridge on the file intake never reaches Kafka.
 */
public class KafkaDeadLetters implements SharedDeadLetters, CamelContextAware {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private CamelContext camelContext;
    private String topic = "omnidesk-webhooks.dead-letters";
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> reader;
    private TopicPartition partition;
    private final NavigableMap<String, String> letters = new TreeMap<>();

    public void setTopic(String topic) {
        this.topic = topic;
    }

    @Override
    public String where() {
        return "the Kafka topic " + topic;
    }

    @Override
    public synchronized void put(String id, String json) {
        send(id, json);
        letters.put(id, json);
    }

    @Override
    public synchronized String get(String id) {
        catchUp();
        return letters.get(id);
    }

    @Override
    public synchronized List<String> all() {
        catchUp();
        return new ArrayList<>(letters.values());
    }

    @Override
    public synchronized boolean delete(String id) {
        catchUp();
        boolean known = letters.containsKey(id);
        if (known) {
            send(id, null);
            letters.remove(id);
        }
        return known;
    }

    @Override
    public synchronized int count() {
        catchUp();
        return letters.size();
    }

    private void send(String id, String json) {
        open();
        try {
            producer.send(new ProducerRecord<>(topic, id, json)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the dead-letter topic " + topic + " cannot be written: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Reads the topic up to its end as it is now: every replica's parks and removals so far. */
    private void catchUp() {
        open();
        long end = reader.endOffsets(List.of(partition), WAIT).get(partition);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reader.position(partition, WAIT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dead-letter topic " + topic + " could not be read to its end");
            }
            for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                if (record.value() == null) {
                    letters.remove(record.key());
                } else {
                    letters.put(record.key(), record.value());
                }
            }
        }
    }

    private void open() {
        if (producer != null) {
            return;
        }
        Properties connection = IntakeTopic.connection(camelContext);
        ensureTopic(connection);
        Properties producing = IntakeTopic.only(ProducerConfig.configNames(), connection);
        producing.put(ProducerConfig.ACKS_CONFIG, "all");
        producing.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producing.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        producing.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        producing.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis() / 2);
        Properties reading = IntakeTopic.only(ConsumerConfig.configNames(), connection);
        reading.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: no group, no commits
        reading.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        reading.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        reader = new KafkaConsumer<>(reading, new StringDeserializer(), new StringDeserializer());
        partition = new TopicPartition(topic, 0);
        reader.assign(List.of(partition));
        reader.seekToBeginning(List.of(partition));
        producer = new KafkaProducer<>(producing, new StringSerializer(), new StringSerializer());
    }

    /** Compacted, one partition (the letters' order), replicated like the intake topic. */
    private void ensureTopic(Properties connection) {
        try (Admin admin = Admin.create(IntakeTopic.adminProperties(connection))) {
            if (admin.listTopics().names().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            int brokers = admin.describeCluster().nodes().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).size();
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) Math.min(3, brokers))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("the dead-letter topic " + topic + " cannot be made: " + e, e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            reader.close(Duration.ofSeconds(2));
        }
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
