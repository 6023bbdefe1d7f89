package dev.omnibridge.omnidesk;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Dead letters in Redis (cluster mode with {@code redis.url}): one hash per Omnidesk account, letter id → the letter's
 * JSON, so every replica lists, replays and removes the same letters, whichever replica parked them. Each operation is
 * one command (HSET, HGET, HVALS, HDEL, HLEN); a failure is thrown to the caller ({@link DeadLetterStore} keeps the
 * letter on local disk meanwhile).
 */
final class RedisDeadLetters implements SharedDeadLetters {

    private final RedisClient client;
    private final String key;
    private StatefulRedisConnection<String, String> connection;

    RedisDeadLetters(String url, String account) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(2));
        this.client = RedisClient.create(uri);
        // the account's host in braces: one hash slot per account, as the budget's key
        this.key = "omnibridge:dead-letters:{" + account + "}";
    }

    @Override
    public String where() {
        return "Redis, key " + key;
    }

    @Override
    public void put(String id, String json) {
        commands().hset(key, id, json);
    }

    @Override
    public String get(String id) {
        return commands().hget(key, id);
    }

    @Override
    public List<String> all() {
        Map<String, String> letters = commands().hgetall(key);
        return letters.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(Map.Entry::getValue).toList();
    }

    @Override
    public boolean delete(String id) {
        return commands().hdel(key, id) > 0;
    }

    @Override
    public int count() {
        return Math.toIntExact(commands().hlen(key));
    }

    private synchronized RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            connection = client.connect();
        }
        return connection.sync();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
