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

    static final long BOT_LABEL_ID = 200;
    static final long BOT_STAFF_ID = 100;
    private static final int MAX_WINDOWS = 100_000;

    private final int limit;                 // 0 = unlimited
    private final long windowNanos;
    private final long epoch = System.nanoTime();
    private volatile ReplyListener listener = (c, t) -> { };
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
        route(req, method, req.path());
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
                    send(req, 200, "{\"total_count\":0}");
                    return;
                }
                if (rest.equals("/messages.json") && HttpMethod.POST.equals(method)) {
                    req.body().onComplete(b -> {
                        long received = System.nanoTime();
                        replies.increment();
                        listener.reply(caseId, received);
                        send(req, 201, messageJson(caseId, false));
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
