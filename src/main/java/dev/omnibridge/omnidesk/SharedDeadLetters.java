package dev.omnibridge.omnidesk;

import java.util.List;

/**
 * Where the dead letters of every replica are kept in cluster mode, as JSON by letter id: Redis
 * ({@link RedisDeadLetters}) or, without Redis, a compacted Kafka topic ({@code cluster.KafkaDeadLetters}). A failure
 * is thrown; {@link DeadLetterStore} then keeps the letter on the replica's disk until it can be written here.
 */
public interface SharedDeadLetters extends AutoCloseable {

    /** Where, for the log (no credentials). */
    String where();

    void put(String id, String json);

    /** The letter's JSON, or null. */
    String get(String id);

    /** Every letter's JSON, oldest first (ids start with the time they were parked). */
    List<String> all();

    boolean delete(String id);

    int count();

    @Override
    void close();
}
