package dev.omnibridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fast stand-in for Omnidesk's REST API: just the calls the bridge makes, answered from nothing.
 *
 * <ul>
 *   <li>{@code GET /api/cases/{id}.json}: the case, carrying the bot label (so the bot owns it)</li>
 *   <li>{@code GET /api/cases/{id}/messages.json}, {@code GET /api/kb_article.json}: empty keyed lists</li>
 *   <li>{@code POST /api/cases/{id}/messages.json}: 201; the receive time goes to the {@link ReplyListener}</li>
 *   <li>{@code PUT /api/cases/{id}.json}: 200, the case without labels; {@code POST .../note(s).json}: 201</li>
 * </ul>
 * Basic auth is checked cheaply (the header must be there). With a limit, Omnidesk's account budget is imitated: a
 * fixed window of {@code limit} units (GET 1, writes 2), headers {@code rate_limit_per_minute} and
 * {@code api_calls_left} on every answer, 429 with {@code retry_after} when a call does not fit (it spends nothing).
 */
final class StubOmnidesk {

    /** Told about every reply the bridge posts; runs on the stub's event loop, so keep it short. */
    interface ReplyListener {
        void reply(long caseId, long nanoTime);
    }

    /** Told about every reply with its text, as Omnidesk's updated-case rule would fire on it (the echo). */
    interface EchoListener {
        void echo(long caseId, String text);
    }

    /** One stored message: with {@code stateful}, the case's messages are kept and listed, as Omnidesk does. */
    private record Msg(long id, long userId, long staffId, boolean note, String content) {}

    static final long BOT_LABEL_ID = 200;
    static final long BOT_STAFF_ID = 100;
    private static final int MAX_WINDOWS = 100_000;

    private volatile int limit;              // 0 = unlimited
    private final long windowNanos;
    private final long epoch = System.nanoTime();
    private volatile ReplyListener listener = (c, t) -> { };
    private volatile EchoListener echoes = (c, t) -> { };
    private volatile boolean stateful;
    private final java.util.Map<Long, java.util.List<Msg>> threads = new java.util.concurrent.ConcurrentHashMap<>();
    /** Units spent per case (calls under /api/cases/{id}), for units per answered message. */
    final java.util.Map<Long, LongAdder> unitsByCase = new java.util.concurrent.ConcurrentHashMap<>();
    /** retry_after of a 429 to answer to the next call (0: none), as when another client spent the minute. */
    private final AtomicLong throttleNext = new AtomicLong();
    /** nanoTime of the last injected 429. */
    volatile long throttledAt;
    private HttpServer server;

    // budget state (guarded by this)
    private long currentWindow = -1;
    private int usedInWindow;

    // counters
    final LongAdder getCase = new LongAdder();
    final LongAdder listMessages = new LongAdder();
    final LongAdder kbSearch = new LongAdder();
    final LongAdder replies = new LongAdder();
    final LongAdder caseEdits = new LongAdder();
    final LongAdder notes = new LongAdder();
    final LongAdder tooMany = new LongAdder();
    final LongAdder unauthorized = new LongAdder();
    final LongAdder notFound = new LongAdder();
    /** Units admitted per window (index = window number since the stub started). */
    final AtomicLongArray unitsPerWindow = new AtomicLongArray(MAX_WINDOWS);
    private final AtomicLong messageIds = new AtomicLong(1_000_000);
    /** With a limit: every admitted call as {nanoTime, units}, for the budget figure. */
    private final java.util.List<long[]> admitted = new java.util.ArrayList<>();

    StubOmnidesk(int limit, long windowMillis) {
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L;
    }

    StubOmnidesk listener(ReplyListener listener) {
        this.listener = listener;
        return this;
    }

    /** Keep each case's messages and list them (the bridge's author check reads them). */
    StubOmnidesk stateful(EchoListener echoes) {
        this.stateful = true;
        this.echoes = echoes;
        return this;
    }

    /** A customer message in the case, stored before its webhook is sent (as Omnidesk does). */
    void customerWrites(long caseId, String text) {
        threads.computeIfAbsent(caseId, c -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()))
                .add(new Msg(messageIds.incrementAndGet(), caseId, 0, false, text));
    }

    /** The next call answers 429 with this retry_after and api_calls_left 0. */
    void throttleNext(long retryAfterSeconds) {
        throttleNext.set(retryAfterSeconds);
    }

    /** A new account limit per window (0 = unlimited); the current window starts afresh. */
    synchronized void limit(int units) {
        this.limit = units;
        this.currentWindow = -1;
    }

    StubOmnidesk start(Vertx vertx, int port) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(this::handle);
        server.listen().toCompletionStage().toCompletableFuture().get();
        return this;
    }

    int port() {
        return server.actualPort();
    }

    long windowNanos() {
        return windowNanos;
    }

    long windowOf(long nanoTime) {
        return (nanoTime - epoch) / windowNanos;
    }

    int limit() {
        return limit;
    }

    private void handle(HttpServerRequest req) {
        String auth = req.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            unauthorized.increment();
            send(req, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        HttpMethod method = req.method();
        int cost = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) ? 1 : 2;
        long now = System.nanoTime();
        HttpServerResponse response = req.response();
        long throttle = throttleNext.getAndSet(0);
        if (throttle > 0) {
            tooMany.increment();
            throttledAt = now;
            response.putHeader("rate_limit_per_minute", Integer.toString(Math.max(limit, 1)));
            response.putHeader("api_calls_left", "0");
            response.putHeader("retry_after", Long.toString(throttle));
            req.body().onComplete(ignored -> send(req, 429, "{\"error\":\"too_many_requests\"}"));
            return;
        }
        if (limit > 0) {
            int left;
            long retryAfter;
            boolean fits;
            synchronized (this) {
                long window = windowOf(now);
                if (window != currentWindow) {
                    currentWindow = window;
                    usedInWindow = 0;
                }
                fits = usedInWindow + cost <= limit;
                if (fits) {
                    usedInWindow += cost;
                }
                left = limit - usedInWindow;
                long remaining = epoch + (window + 1) * windowNanos - now;
                retryAfter = Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
            }
            response.putHeader("rate_limit_per_minute", Integer.toString(limit));
            response.putHeader("api_calls_left", Integer.toString(left));
            if (!fits) {
                tooMany.increment();
                response.putHeader("retry_after", Long.toString(retryAfter));
                response.putHeader("Retry-After", Long.toString(retryAfter));
                req.body().onComplete(ignored -> send(req, 429, "{\"error\":\"too_many_requests\"}"));
                return;
            }
        }
        long window = windowOf(now);
        if (window < MAX_WINDOWS) {
            unitsPerWindow.addAndGet((int) window, cost);
        }
        if (limit > 0) {
            synchronized (admitted) {
                admitted.add(new long[] {now, cost});
            }
        }
        String path = req.path();
        if (path.startsWith("/api/cases/")) {
            int idEnd = 11;
            while (idEnd < path.length() && Character.isDigit(path.charAt(idEnd))) {
                idEnd++;
            }
            if (idEnd > 11) {
                unitsByCase.computeIfAbsent(Long.parseLong(path, 11, idEnd, 10), c -> new LongAdder()).add(cost);
            }
        }
        route(req, method, path);
    }

    private void route(HttpServerRequest req, HttpMethod method, String path) {
        if (path.startsWith("/api/cases/")) {
            int idEnd = 11;
            while (idEnd < path.length() && Character.isDigit(path.charAt(idEnd))) {
                idEnd++;
            }
            if (idEnd > 11) {
                long caseId = Long.parseLong(path, 11, idEnd, 10);
                String rest = path.substring(idEnd);
                if (rest.equals(".json") && HttpMethod.GET.equals(method)) {
                    getCase.increment();
                    send(req, 200, caseJson(caseId, "[" + BOT_LABEL_ID + "]"));
                    return;
                }
                if (rest.equals(".json") && HttpMethod.PUT.equals(method)) {
                    caseEdits.increment();
                    req.body().onComplete(b -> send(req, 200, caseJson(caseId, "[]")));
                    return;
                }
                if (rest.equals("/messages.json") && HttpMethod.GET.equals(method)) {
                    listMessages.increment();
                    send(req, 200, stateful ? messagesJson(caseId) : "{\"total_count\":0}");
                    return;
                }
                if (rest.equals("/messages.json") && HttpMethod.POST.equals(method)) {
                    req.body().onComplete(b -> {
                        long received = System.nanoTime();
                        replies.increment();
                        String text = "";
                        if (stateful && b.succeeded()) {
                            text = b.result().toJsonObject().getJsonObject("message").getString("content", "");
                            threads.computeIfAbsent(caseId, c -> java.util.Collections.synchronizedList(
                                    new java.util.ArrayList<>()))
                                    .add(new Msg(messageIds.incrementAndGet(), 0, BOT_STAFF_ID, false, text));
                        }
                        listener.reply(caseId, received);
                        send(req, 201, messageJson(caseId, false));
                        if (stateful) {
                            echoes.echo(caseId, text);
                        }
                    });
                    return;
                }
                if ((rest.equals("/note.json") || rest.equals("/notes.json")) && HttpMethod.POST.equals(method)) {
                    notes.increment();
                    req.body().onComplete(b -> send(req, 201, messageJson(caseId, true)));
                    return;
                }
            }
        } else if (path.equals("/api/kb_article.json") && HttpMethod.GET.equals(method)) {
            kbSearch.increment();
            send(req, 200, "{\"total_count\":0}");
            return;
        }
        notFound.increment();
        req.body().onComplete(b -> send(req, 404, "{\"error\":\"not_found\"}"));
    }

    private static String caseJson(long caseId, String labels) {
        return "{\"case\":{\"case_id\":" + caseId + ",\"case_number\":\"" + caseId + "-bench\",\"subject\":\"bench\","
                + "\"user_id\":" + caseId + ",\"staff_id\":0,\"group_id\":0,\"status\":\"open\",\"channel\":\"chat\","
                + "\"labels\":" + labels + ",\"deleted\":false,\"spam\":false}}";
    }

    private String messageJson(long caseId, boolean note) {
        return "{\"message\":{\"message_id\":" + messageIds.incrementAndGet() + ",\"case_id\":" + caseId
                + ",\"user_id\":0,\"staff_id\":" + BOT_STAFF_ID + ",\"content\":\"\",\"note\":" + note + "}}";
    }

    /** The case's messages, newest first, as Omnidesk's keyed list. */
    private String messagesJson(long caseId) {
        java.util.List<Msg> thread = threads.getOrDefault(caseId, java.util.List.of());
        java.util.List<Msg> copy;
        synchronized (thread) {
            copy = new java.util.ArrayList<>(thread);
        }
        io.vertx.core.json.JsonObject out = new io.vertx.core.json.JsonObject();
        for (int i = 0; i < copy.size(); i++) {
            Msg m = copy.get(copy.size() - 1 - i);
            out.put(Integer.toString(i), new io.vertx.core.json.JsonObject().put("message",
                    new io.vertx.core.json.JsonObject().put("message_id", m.id()).put("case_id", caseId)
                            .put("user_id", m.userId()).put("staff_id", m.staffId()).put("note", m.note())
                            .put("sent_via_rule", false).put("content", m.content())));
        }
        out.put("total_count", copy.size());
        return out.encode();
    }

    private static void send(HttpServerRequest req, int status, String json) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(json);
    }

    /** Admitted calls ({nanoTime, units}) at or after {@code since}. */
    java.util.List<long[]> admittedSince(long since) {
        synchronized (admitted) {
            return admitted.stream().filter(c -> c[0] >= since).toList();
        }
    }

    /** Calls answered (any status) so far; for "has the bridge gone quiet". */
    long apiCalls() {
        return getCase.sum() + listMessages.sum() + kbSearch.sum() + replies.sum() + caseEdits.sum() + notes.sum()
                + tooMany.sum() + unauthorized.sum() + notFound.sum();
    }

    String counters() {
        return "get-case=" + getCase.sum() + " list-messages=" + listMessages.sum() + " kb=" + kbSearch.sum()
                + " replies=" + replies.sum() + " case-edits=" + caseEdits.sum() + " notes=" + notes.sum()
                + " 429=" + tooMany.sum() + " 401=" + unauthorized.sum() + " 404=" + notFound.sum();
    }

    /** Standalone: {@code stub --port P [--limit N --window-seconds W]}. */
    static void run(Args args) throws Exception {
        Vertx vertx = Vertx.vertx();
        StubOmnidesk stub = new StubOmnidesk(args.integer("limit", 0),
                (long) (args.number("window-seconds", 60) * 1000)).start(vertx, args.integer("port", 0));
        System.out.println("stub Omnidesk listening on 127.0.0.1:" + stub.port());
        Thread.currentThread().join();
    }
}
