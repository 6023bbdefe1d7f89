package dev.omnibridge.omnidesk;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The budget's window in Redis, shared by every replica of the bridge ({@code budget.store=redis}): Omnidesk's minute
 * as {@link UnitWindow.Minute} counts it, the pause after a 429, Omnidesk's limit and the other clients' spending,
 * all in one hash per account, changed only by one Lua script ({@code budget.lua}, EVALSHA with an EVAL fallback),
 * so that each acquisition is one atomic step on Redis's clock. What it last saw is kept here for the questions that
 * need no round trip (the queue's order, the metrics).
 *
 * <p>When Redis cannot be consulted every call fails with {@link StoreUnavailableException} at once (commands are
 * rejected while disconnected, and reconnection goes on in the background): the budget then lets no call out.
 */
final class RedisBudgetWindow implements BudgetWindow {

    static final String SCRIPT = readScript();
    static final String SHA = sha1(SCRIPT);

    private final ClientResources resources;
    private final RedisClient client;
    private final String key;
    private final String where;
    private final String password;
    private final long lengthMs;
    private final long maxMarginMs;
    private long marginMs;
    private StatefulRedisConnection<String, String> connection;

    // what the store said last, converted to this process's clock
    private long id;
    private int used;
    private long endsAt = Long.MIN_VALUE;
    private long pausedUntil = Long.MIN_VALUE;

    /**
     * @param url     redis://[:password@]host[:port][/db]
     * @param account whose budget (one hash per Omnidesk account)
     */
    RedisBudgetWindow(String url, String account, long lengthMs, long maxMarginMs) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(2));
        this.where = where(url);
        this.password = uri.getPassword() == null ? "" : new String(uri.getPassword());
        this.key = "omnibridge:budget:{" + account + "}";
        this.lengthMs = lengthMs;
        this.maxMarginMs = maxMarginMs;
        this.marginMs = maxMarginMs;
        // reconnect soon after Redis is back: every 100 ms doubling up to 2 s (lettuce's default goes up to 30 s)
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while disconnected, a command fails at once instead of queueing: the budget waits and asks again
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
    }

    /** host:port of a Redis URL, without its credentials: what logs and {@code check} show. */
    static String where(String url) {
        if (java.net.URI.create(url).getHost() == null) { // a malformed address (a port that is no number...)
            throw new IllegalArgumentException("not a Redis URL: no host:port in it");
        }
        RedisURI uri = RedisURI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    String where() {
        return where;
    }

    String key() {
        return key;
    }

    @Override
    public Attempt trySpend(long now, int units, int reserve, int limit) {
        List<Object> r = run(now, "spend", limit, units, reserve, lengthMs, marginMs);
        return new Attempt(id, ((Number) r.get(0)).longValue() == 1 ? 0 : Math.max(1, ((Number) r.get(2)).longValue()),
                ((Number) r.get(3)).intValue());
    }

    @Override
    public long untilRoomFor(long now, int units, int limit) {
        roll(now);
        return used == 0 || used + units <= limit ? 0 : Math.max(1, endsAt - now);
    }

    @Override
    public int used(long now) {
        roll(now);
        return used;
    }

    @Override
    public long id(long now) {
        roll(now);
        return id;
    }

    @Override
    public void serverUsed(long now, long windowId, int units, int limit) {
        run(now, "used", limit, windowId, limit - units, lengthMs, marginMs);
    }

    @Override
    public void exhaustedUntil(long now, long until, int limit) {
        run(now, "pause", limit, Math.max(1, until - now));
    }

    @Override
    public void serverLimit(long now, int limit) {
        run(now, "limit", limit, limit);
    }

    @Override
    public long pausedUntil(long now) {
        return pausedUntil;
    }

    @Override
    public void callTook(long millis) {
        marginMs = Math.min(maxMarginMs, Math.max(UnitWindow.MIN_MARGIN_MS, millis + UnitWindow.MIN_MARGIN_MS));
    }

    /**
     * PING with a client of its own ({@code check}): null when Redis answers, else why not (credentials masked).
     */
    static String ping(String url) {
        RedisBudgetWindow window = new RedisBudgetWindow(url, "check", 60_000, 250);
        try {
            window.ping();
            return null;
        } catch (StoreUnavailableException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "Redis at " + window.where + ": " + e.getClass().getSimpleName();
        } finally {
            window.close();
        }
    }

    /** PING: whether Redis answers now. */
    void ping() {
        try {
            connection().sync().ping();
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    private void roll(long now) {
        if (endsAt != Long.MIN_VALUE && now >= endsAt) {
            endsAt = Long.MIN_VALUE;
            used = 0;
            id++;
        }
    }

    private List<Object> run(long now, String op, int limit, Object... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = op;
        argv[1] = Integer.toString(limit);
        for (int i = 0; i < args.length; i++) {
            argv[i + 2] = String.valueOf(args[i]);
        }
        List<Object> r;
        try {
            var commands = connection().sync();
            try {
                r = commands.evalsha(SHA, ScriptOutputType.MULTI, new String[] {key}, argv);
            } catch (RedisNoScriptException e) {
                r = commands.eval(SCRIPT, ScriptOutputType.MULTI, new String[] {key}, argv);
            }
        } catch (RedisException e) {
            throw unavailable(e);
        }
        id = ((Number) r.get(1)).longValue();
        used = ((Number) r.get(4)).intValue();
        long endsIn = ((Number) r.get(5)).longValue();
        endsAt = endsIn < 0 ? Long.MIN_VALUE : now + endsIn;
        long pausedIn = ((Number) r.get(6)).longValue();
        pausedUntil = pausedIn <= 0 ? Long.MIN_VALUE : now + pausedIn;
        return r;
    }

    private StoreUnavailableException unavailable(RedisException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!password.isEmpty()) {
            message = message.replace(password, "***");
        }
        return new StoreUnavailableException("Redis at " + where + ": " + message, null);
    }

    private synchronized StatefulRedisConnection<String, String> connection() {
        if (connection == null) {
            connection = client.connect(); // the first connection; later ones are lettuce's reconnects
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String readScript() {
        try (InputStream in = RedisBudgetWindow.class.getResourceAsStream("budget.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("budget.lua is missing from the classpath", e);
        }
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
