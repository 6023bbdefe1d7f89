package dev.omnibridge.omnidesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.RedisProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode's dead letters on a real redis-server: what one replica parks, another lists, replays and removes; while
 * Redis cannot be written a letter waits on the parking replica's disk and is listed all the same.
 */
class SharedDeadLettersTest {

    private RedisProcess redis;
    private final List<DeadLetterStore> stores = new ArrayList<>();
    private final String account = "https://acme-" + System.nanoTime() + ".omnidesk.ru";

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterEach
    void stop() throws Exception {
        stores.forEach(DeadLetterStore::close);
        if (redis != null) {
            redis.close();
        }
    }

    private DeadLetterStore replica() throws IOException {
        DeadLetterStore store = new DeadLetterStore();
        store.setDirectory(Files.createTempDirectory("dead-letters").toString());
        store.setRedisUrl(redis.url());
        store.setAccount(account);
        store.init();
        stores.add(store);
        return store;
    }

    private static OmnideskRequest reply(long caseId, String text) {
        return new OmnideskRequest("reply", caseId, "POST", "/api/cases/" + caseId + "/messages.json", null,
                "{\"message\":{\"content\":\"" + text + "\"}}", text, 0, null, 0, null);
    }

    @Test
    void aLetterParkedByOneReplicaIsListedAndRemovedByAnother() throws Exception {
        DeadLetterStore a = replica();
        DeadLetterStore b = replica();

        a.park(reply(5001, "Ответ"), null, new IOException("Omnidesk down"), 4);
        a.parkWebhooks(5002, List.of());

        assertThat(b.size()).isEqualTo(2);
        List<DeadLetter> seenByB = b.list();
        assertThat(seenByB).extracting(DeadLetter::caseId).containsExactly(5001L, 5002L);   // oldest first
        DeadLetter letter = seenByB.get(0);
        assertThat(b.find(letter.id())).hasValueSatisfying(l -> assertThat(l.text()).isEqualTo("Ответ"));
        assertThat(b.restore(letter).path()).isEqualTo("/api/cases/5001/messages.json");

        // b's replay failed again: the attempt is counted on the one letter, for everyone
        b.park(b.restore(letter), letter.id(), new IOException("still down"), null);
        assertThat(a.find(letter.id())).hasValueSatisfying(l -> assertThat(l.attempts()).isEqualTo(6));
        assertThat(b.remove(letter.id())).isTrue();
        assertThat(a.list()).extracting(DeadLetter::caseId).containsExactly(5002L);
    }

    @Test
    void whileRedisCannotBeWrittenALetterWaitsOnTheReplicasDiskAndIsNotLost() throws Exception {
        DeadLetterStore a = replica();
        a.park(reply(5003, "Раз"), null, new IOException("Omnidesk down"), 0);
        redis.stop();

        a.park(reply(5004, "Два"), null, new IOException("Omnidesk down"), 0);

        redis.startAgain();   // an empty Redis (nothing persisted): only the letter on disk is left
        DeadLetterStore again = a;
        assertThat(again.list()).extracting(DeadLetter::caseId).containsExactly(5004L);
        String id = again.list().get(0).id();
        // replayed and failed again: it moves to Redis, where every replica sees it
        again.park(again.restore(again.list().get(0)), id, new IOException("still down"), null);
        assertThat(replica().find(id)).isPresent();
        assertThat(again.size()).isEqualTo(1);
    }
}
