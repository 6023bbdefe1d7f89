package dev.omnibridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.KafkaBroker;
import dev.omnibridge.omnidesk.DeadLetter;
import dev.omnibridge.omnidesk.DeadLetterStore;
import dev.omnibridge.omnidesk.OmnideskRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode without Redis, on a real (in-process) Kafka broker: what one replica parks, another lists, replays and
 * removes, through the compacted dead-letter topic.
 */
class KafkaDeadLettersTest {

    private static KafkaBroker kafka;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    /** A replica's store as beans.yaml wires it in cluster mode without redis.url. */
    private DeadLetterStore replica(String topic) throws IOException {
        CamelContext context = new DefaultCamelContext();
        KafkaComponent component = new KafkaComponent();
        component.getConfiguration().setBrokers(kafka.bootstrapServers());
        context.addComponent("kafka", component);
        opened.add(context);
        KafkaDeadLetters shelf = new KafkaDeadLetters();
        shelf.setCamelContext(context);
        shelf.setTopic(topic);
        DeadLetterStore store = new DeadLetterStore();
        store.setDirectory(Files.createTempDirectory("dead-letters").toString());
        store.setIntake("kafka");
        store.setKafka(shelf);
        store.init();
        opened.add(store);
        return store;
    }

    private static OmnideskRequest reply(long caseId, String text) {
        return new OmnideskRequest("reply", caseId, "POST", "/api/cases/" + caseId + "/messages.json", null,
                "{\"message\":{\"content\":\"" + text + "\"}}", text, 0, null, 0, null);
    }

    @Test
    void aLetterParkedByOneReplicaIsListedReplayedAndRemovedByAnother() throws Exception {
        DeadLetterStore a = replica("letters-a");
        DeadLetterStore b = replica("letters-a");

        a.park(reply(5001, "Ответ"), null, new IOException("Omnidesk down"), 4);
        a.parkWebhooks(5002, List.of());

        assertThat(b.size()).isEqualTo(2);
        List<DeadLetter> seenByB = b.list();
        assertThat(seenByB).extracting(DeadLetter::caseId).containsExactly(5001L, 5002L);
        DeadLetter letter = seenByB.get(0);
        b.park(b.restore(letter), letter.id(), new IOException("still down"), null);
        assertThat(a.find(letter.id())).hasValueSatisfying(l -> assertThat(l.attempts()).isEqualTo(6));

        assertThat(b.remove(letter.id())).isTrue();
        assertThat(a.list()).extracting(DeadLetter::caseId).containsExactly(5002L);
        assertThat(replica("letters-a").size()).as("a replica started later reads the same letters").isEqualTo(1);
        try (var admin = kafka.admin()) {
            assertThat(admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "letters-a"))).all().get()
                    .values().iterator().next().get("cleanup.policy").value()).isEqualTo("compact");
        }
    }
}
