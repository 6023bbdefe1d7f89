package dev.omnibridge.omnidesk;

import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API budget for the whole Omnidesk account: at most {@code limit} units a minute, GET costing 1 and writes 2,
 * as Omnidesk counts them.
 *
 * <p>Omnidesk counts per minute: by default ({@code omnidesk.rate-window=minute}) the bridge does the same and spends
 * the whole limit of each minute ({@link UnitWindow.Minute}); {@code sliding} keeps to any 60-second window instead.
 * Omnidesk's headers correct the view (other clients of the account spend the same budget), and a 429 pauses every
 * caller for exactly {@code retry_after} (plus a small margin), after which Omnidesk's new minute starts.
 *
 * <p>When calls queue up, the customer-visible ones go first: replies, handoffs and the reads of the case's messages
 * that lead to them (and, for Telegram chats, the customer's messages relayed into their cases and the cases opened
 * for them), then case reads and notes, then knowledge-base searches, and last the mirroring of bot conversations;
 * lower priorities also leave a reserve of the window to the higher ones.
 *
 * <p>Where the window is counted is a {@link BudgetWindow}: in this process ({@code budget.store=local}, the default)
 * or in Redis, one budget for every replica of the bridge ({@code budget.store=redis}, {@link RedisBudgetWindow}).
 * The queue and its priorities stay in each process: across replicas the priorities hold through the reserves, which
 * the shared window applies to every call. A shared window that cannot be consulted lets no call out (fail closed):
 * the callers wait, asking again every {@link #STORE_RETRY_MS} ms, with one WARN per outage.
 *
 * <p>Cluster mode without Redis ({@code bridge.intake=kafka}, {@code budget.store=local}): each replica spends the share
 * of the limit that its partitions of the intake topic are of all of them ({@link #setPartitionShare}), so that the
 * replicas together keep to the account's limit without talking to each other.
 */
public class OmnideskBudget implements AutoCloseable {

    /** The exchange property with the id of the window a call was counted in. */
    public static final String WINDOW = "omnideskBudgetWindow";
    /** The exchange property with the time the call was let through (for its round trip). */
    public static final String ACQUIRED_AT = "omnideskBudgetAcquiredAt";
    /** After retry_after: Omnidesk's seconds are whole, this covers the call's way there. */
    static final long RETRY_MARGIN_MS = 200;
    /** How often a caller asks again while the shared budget cannot be consulted. */
    static final long STORE_RETRY_MS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(OmnideskBudget.class);

    /**
     * Operation → priority (0 = first). Unknown operations get the middle. Reading the case's messages is on the way
     * to every reply (the author check), so it shares the replies' priority and may take the minute's last units.
     */
    private static final Map<String, Integer> PRIORITIES = Map.ofEntries(
            Map.entry("reply", 0), Map.entry("handoff", 0), Map.entry("release-case", 0), Map.entry("list-messages", 0),
            // Variant 2: a customer's message relayed into the case and the escalation rank with replies
            Map.entry("customer-message", 0), Map.entry("create-case", 0), Map.entry("find-chat-case", 0),
            Map.entry("get-case", 1), Map.entry("note", 1), Map.entry("kb-search", 2),
            // mirroring bot conversations into Omnidesk (telegram.mirror=always) comes last
            Map.entry("mirror-case", 3), Map.entry("mirror-message", 3),
            Map.entry("mirror-note", 3));
    /** Share of the window each priority must leave to the ones above it. */
    private static final double[] RESERVE = {0.0, 0.1, 0.25, 0.4};

    private final PriorityQueue<long[]> waiting = new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1])); // {priority, ticket}
    private final AtomicLong tickets = new AtomicLong();
    private long windowMs = 60_000;
    private String kind = "minute";
    private BudgetWindow window;
    private String store = "local";
    private String redisUrl = "";
    private String account = "omnidesk";
    /** Since when (monotonic ms) the shared budget cannot be consulted; MIN_VALUE: it can. */
    private long storeDownSince = Long.MIN_VALUE;
    private final AtomicLong storeOutages = new AtomicLong();
    private int limit = 60;
    /** This replica's partitions of the intake topic, and all of them (cluster mode without a shared store). */
    private int ownedPartitions = 1;
    private int allPartitions = 1;
    private boolean limitFromServer;
    private long pausedUntil;
    private long maxPauseMs = 120_000;
    private int lastServerLeft = -1;
    private long slowestRoundTrip;
    private final AtomicLong throttled = new AtomicLong();

    public void setRequestsPerMinute(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("omnidesk.requests-per-minute must be at least 2");
        }
        this.limit = limit;
    }

    /** Omnidesk counts per minute; another length is only useful against a test double. */
    public void setWindowSeconds(long seconds) {
        this.windowMs = seconds * 1000;
        resetWindow();
    }

    /** "minute" (Omnidesk's fixed minute, the default) or "sliding" (any window of that length). */
    public void setWindow(String kind) {
        if (!"minute".equals(kind) && !"sliding".equals(kind)) {
            throw new IllegalArgumentException("omnidesk.rate-window must be 'minute' or 'sliding', not '" + kind + "'");
        }
        this.kind = kind;
        resetWindow();
    }

    public void setMaxRetryAfterSeconds(long seconds) {
        this.maxPauseMs = seconds * 1000;
    }

    /** "local" (this process, the default) or "redis" (one budget for all replicas, at {@link #setRedisUrl}). */
    public void setStore(String store) {
        if (!"local".equals(store) && !"redis".equals(store)) {
            throw new IllegalArgumentException("budget.store must be 'local' or 'redis', not '" + store + "'");
        }
        this.store = store;
        resetWindow();
    }

    public void setRedisUrl(String redisUrl) {
        this.redisUrl = redisUrl == null ? "" : redisUrl.trim();
        resetWindow();
    }

    /** Whose budget: replicas of one Omnidesk account share it (the account's address; in the Redis key). */
    public void setAccount(String account) {
        this.account = accountHost(account);
        resetWindow();
    }

    /** The account's host from its address (https://acme.omnidesk.ru → acme.omnidesk.ru): the shared stores' keys. */
    static String accountHost(String address) {
        String host = address == null ? "" : address.trim().replaceFirst("^[a-zA-Z]+://", "").replaceFirst("/.*$", "");
        return host.isEmpty() ? "omnidesk" : host;
    }

    /** A setting changed: the window is made again (a Redis client let go of) at the next use. */
    private synchronized void resetWindow() {
        if (window != null) {
            window.close();
            window = null;
        }
    }

    private BudgetWindow window() {
        if (window == null) {
            if ("redis".equals(store)) {
                if (redisUrl.isEmpty()) {
                    throw new IllegalStateException("budget.store=redis needs redis.url");
                }
                if ("sliding".equals(kind)) {
                    throw new IllegalStateException("omnidesk.rate-window=sliding is not supported with budget.store=redis");
                }
                window = new RedisBudgetWindow(redisUrl, account, windowMs, Math.min(250, windowMs / 20));
                LOG.info("Omnidesk budget shared through Redis at {} (key {})", ((RedisBudgetWindow) window).where(),
                        ((RedisBudgetWindow) window).key());
            } else {
                window = new BudgetWindow.Local("sliding".equals(kind)
                        ? new UnitWindow.Sliding(windowMs, Math.max(250, windowMs / 50))
                        : new UnitWindow.Minute(windowMs, Math.min(250, windowMs / 20)));
            }
        }
        return window;
    }

    /**
     * Makes the window (and for Redis its client) now rather than at the first call. Not an init method of the bean:
     * Camel's YAML DSL makes the beans twice at start, and the first one would keep a Redis client.
     */
    public synchronized void init() {
        window();
    }

    @Override
    public synchronized void close() {
        if (window != null) {
            window.close();
        }
    }

    /** Blocks until the call in the exchange fits the budget. */
    public void acquire(Exchange exchange) throws InterruptedException {
        OmnideskRequest request = exchange.getProperty(OmnideskRequests.PROPERTY, OmnideskRequest.class);
        String method = request == null ? "GET" : request.method();
        String operation = request == null ? "" : request.operation();
        exchange.setProperty(WINDOW, acquire(costOf(method), priorityOf(operation)));
        exchange.setProperty(ACQUIRED_AT, now());
    }

    /** The operation's place in the queue (0 = first); an unknown one gets the middle. */
    static int priorityOf(String operation) {
        return PRIORITIES.getOrDefault(operation, 1);
    }

    /** Blocks until {@code cost} units fit; returns the id of the window they were counted in. */
    synchronized long acquire(int cost, int priority) throws InterruptedException {
        long[] ticket = {priority, tickets.incrementAndGet(), cost};
        waiting.add(ticket);
        try {
            while (true) {
                long now = now();
                long wait = pausedUntil - now;
                if (wait <= 0 && mayTry(ticket, now)) {
                    BudgetWindow.Attempt attempt;
                    try {
                        attempt = window().trySpend(now, cost, reserve(priority), mine());
                    } catch (BudgetWindow.StoreUnavailableException e) {
                        storeDown(e); // fail closed: no call goes out until the shared budget answers
                        wait(STORE_RETRY_MS);
                        continue;
                    }
                    storeUp();
                    adoptLimit(attempt.limit());
                    if (attempt.granted()) {
                        return attempt.windowId();
                    }
                    wait = attempt.waitMs();
                    throttled.incrementAndGet();
                }
                wait(Math.max(1, wait <= 0 ? 50 : Math.min(wait, 1000)));
            }
        } finally {
            waiting.remove(ticket);
            notifyAll();
        }
    }

    /**
     * The first in line tries; so does one behind it of the same priority when the first does not fit what is left
     * (a read may take the minute's last unit while a write waits for the next minute).
     */
    private boolean mayTry(long[] ticket, long now) {
        long[] first = waiting.peek();
        if (first == ticket) {
            return true;
        }
        return first != null && first[0] == ticket[0]
                && window().untilRoomFor(now, (int) first[2] + reserve((int) first[0]), mine()) > 0;
    }

    /** The shared window's limit (Omnidesk's, when another replica saw its header) becomes this one's. */
    private void adoptLimit(int shared) {
        // (a local window answers the limit it was asked with: this replica's share, nothing to adopt)
        if (shared >= 2 && shared != mine()) {
            LOG.info("The shared budget has a limit of {} requests per minute (was {}); using it", shared, limit);
            limit = shared;
            limitFromServer = true;
        }
    }

    private void storeDown(BudgetWindow.StoreUnavailableException e) {
        if (storeDownSince == Long.MIN_VALUE) {
            storeDownSince = now();
            storeOutages.incrementAndGet();
            LOG.warn("Shared Omnidesk budget cannot be consulted ({}): no Omnidesk call goes out until it answers",
                    e.getMessage());
        }
    }

    private void storeUp() {
        if (storeDownSince != Long.MIN_VALUE) {
            LOG.info("Shared Omnidesk budget answers again after {} ms: Omnidesk calls resume", now() - storeDownSince);
            storeDownSince = Long.MIN_VALUE;
        }
    }

    /** host:port of a Redis URL, never its password: what logs and {@code check} may show. */
    public static String redisWhere(String url) {
        return RedisBudgetWindow.where(url);
    }

    /** Whether Redis at {@code url} answers a PING now: null when it does, else why not (no credentials in it). */
    public static String pingRedis(String url) {
        return RedisBudgetWindow.ping(url);
    }

    /** Whether the shared budget cannot be consulted right now (calls are held). */
    public synchronized boolean isStoreDown() {
        return storeDownSince != Long.MIN_VALUE;
    }

    /** How many outages of the shared budget were seen (each logged once). */
    public long storeOutageCount() {
        return storeOutages.get();
    }

    private int reserve(int priority) {
        return (int) Math.ceil(mine() * RESERVE[Math.min(priority, RESERVE.length - 1)]);
    }

    /**
     * Cluster mode with {@code budget.store=local}: this replica owns {@code owned} of the intake topic's {@code all}
     * partitions and so spends that share of the limit (at least one write's worth, for admin replays). The shared
     * window of {@code budget.store=redis} counts every replica's calls already: there the share is not used.
     */
    public synchronized void setPartitionShare(int owned, int all) {
        if (all < 1 || owned < 0 || owned > all) {
            throw new IllegalArgumentException("partitions owned " + owned + " of " + all);
        }
        if ("redis".equals(store)) {
            return;
        }
        ownedPartitions = owned;
        allPartitions = all;
        LOG.info("Omnidesk budget: {} of {} requests per minute ({} of {} partitions of the intake topic)", mine(),
                limit, owned, all);
        notifyAll();
    }

    /** The units a minute this process may spend: the account's limit, or its share of it in cluster mode. */
    private int mine() {
        if (allPartitions <= 1 || ownedPartitions == allPartitions) {
            return limit;
        }
        return Math.max(2, (int) ((long) limit * ownedPartitions / allPartitions));
    }

    /** Reads Omnidesk's rate headers ({@code rate_limit_per_minute}, {@code api_calls_left}) and 429s. */
    public void observe(Exchange exchange) {
        Long acquiredAt = exchange.getProperty(ACQUIRED_AT, Long.class);
        if (acquiredAt != null) {
            roundTrip(now() - acquiredAt);
        }
        var message = exchange.getMessage();
        Function<String, String> header = name -> message.getHeader(name, String.class);
        observe(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class), RateHeaders.limit(header),
                RateHeaders.left(header), RateHeaders.retryAfter(header), exchange.getProperty(WINDOW, -1L, Long.class));
    }

    /** An answer as Omnidesk's headers report it ({@link RateHeaders}; null: not reported). */
    synchronized void observe(int status, Integer serverLimit, Integer left, long retryAfterSeconds) {
        observe(status, serverLimit, left, retryAfterSeconds, window().id(now()));
    }

    /**
     * @param windowId the window the call was counted in: Omnidesk's count in an answer to a call of an earlier
     *                 window says nothing about this one
     */
    synchronized void observe(int status, Integer serverLimit, Integer left, long retryAfterSeconds, long windowId) {
        long now = now();
        try {
            if (serverLimit != null && serverLimit >= 2 && serverLimit != limit) {
                LOG.info("Omnidesk reports a limit of {} requests per minute (configured {}); using Omnidesk's",
                        serverLimit, limit);
                limit = serverLimit;
                limitFromServer = true;
                window().serverLimit(now, limit);
            }
            if (status == 429) {
                // Omnidesk's minute is spent, and a new one starts in retry_after: wait exactly that long, not a minute.
                long pause = Math.min(maxPauseMs, Math.max(1, retryAfterSeconds) * 1000) + RETRY_MARGIN_MS;
                pausedUntil = Math.max(pausedUntil, now + pause); // this process pauses even if the store cannot hear it
                LOG.warn("Omnidesk answered 429: pausing all calls for {} ms (retry_after {} s)", pause,
                        retryAfterSeconds);
                window().exhaustedUntil(now, pausedUntil, mine());
            } else if (left != null) {
                lastServerLeft = left;
                // Omnidesk counts for the whole account: this replica's share of what it reports as spent
                window().serverUsed(now, windowId, (int) ((long) (limit - left) * mine() / limit), mine());
            }
        } catch (BudgetWindow.StoreUnavailableException e) {
            storeDown(e); // the next acquisition waits for the store anyway
        } finally {
            notifyAll();
        }
    }

    /** The slowest recent round trip, decaying by 1 % a call: how much later than it left a call may be counted. */
    private synchronized void roundTrip(long millis) {
        slowestRoundTrip = Math.max(millis, slowestRoundTrip * 99 / 100);
        if (window != null) {
            window.callTook(slowestRoundTrip);
        }
    }

    /** Units left in the current window, as the bridge sees it. */
    public synchronized int left() {
        return Math.max(0, mine() - window().used(now()));
    }

    public synchronized int limit() {
        return limit;
    }

    /** Calls waiting for the budget right now (queue depth). */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    /** How many times a call had to wait for the budget. */
    public long throttledCount() {
        return throttled.get();
    }

    public boolean isLimitFromServer() {
        return limitFromServer;
    }

    public int lastServerLeft() {
        return lastServerLeft;
    }

    /** A monotonic clock: the wall clock may be stepped while the bridge runs. */
    private LongSupplier clock = () -> System.nanoTime() / 1_000_000;

    /** For tests: milliseconds of a clock of their own. */
    void setClock(LongSupplier millis) {
        this.clock = millis;
    }

    private long now() {
        return clock.getAsLong();
    }

    /** Milliseconds until a 429 pause ends (0 when not paused). */
    public synchronized long pausedForMillis() {
        long now = now();
        return Math.max(0, Math.max(pausedUntil, window().pausedUntil(now)) - now);
    }

    static int costOf(String method) {
        return "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method) ? 1 : 2;
    }
}
