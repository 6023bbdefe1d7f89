package dev.omnibridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sends Omnidesk rule webhooks: the seed template's body (chat_id unquoted), one case per call, over a pool of
 * keep-alive HTTP/1.1 connections (Vert.x core's client). With several URLs (replicas of one bridge, same path), the
 * calls go round-robin over them, as a Service would spread them; {@link #targets} changes the set while running.
 */
final class WebhookClient {

    /** Status and the moment the whole answer was read; status -1 when the call failed (I/O, timeout). */
    interface Done {
        void done(int status, long endNanos);
    }

    static final String DEFAULT_TEXT = "доставка";

    private record Target(String host, int port) {}

    private final HttpClient client;
    private final String path;
    private volatile Target[] targets;
    private volatile java.util.function.BiConsumer<Long, String> beforeEach = (c, t) -> { };
    private final java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();

    WebhookClient(Vertx vertx, String url, int connections) {
        this(vertx, java.util.List.of(url), connections);
    }

    /** Round-robin over {@code urls} (same path on each; {@code connections} per target). */
    WebhookClient(Vertx vertx, java.util.List<String> urls, int connections) {
        this.path = URI.create(urls.get(0)).getRawPath();
        targets(urls);
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                        .setConnectTimeout(5_000).setIdleTimeout(30),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** The URLs to spread the next calls over (e.g. without a replica that was killed). */
    void targets(java.util.List<String> urls) {
        this.targets = urls.stream().map(URI::create).map(u -> new Target(u.getHost(), u.getPort()))
                .toArray(Target[]::new);
    }

    private Target target() {
        Target[] t = targets;
        return t.length == 1 ? t[0] : t[(int) Math.floorMod(next.getAndIncrement(), (long) t.length)];
    }

    static byte[] body(long caseId, String text) {
        return ("{\"event\":\"new_message\",\"message\":{\"kind\":\"visitor\",\"text\":\"" + text + "\"},"
                + "\"visitor\":{\"id\":\"1\",\"fields\":{\"email\":\"\",\"id\":\"1\",\"name\":\"\",\"phone\":\"\"}},"
                + "\"chat_id\":" + caseId + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The rule's body for a message with any text, pasted raw as Omnidesk does (line breaks and all). */
    void sendText(long caseId, String text, Done done) {
        beforeEach.accept(caseId, text);
        send(body(caseId, text), path, done);
    }

    void send(long caseId, Done done) {
        beforeEach.accept(caseId, DEFAULT_TEXT);
        send(body(caseId, DEFAULT_TEXT), path, done);
    }

    /**
     * Called with the case and the text before each webhook of a customer message leaves: e.g. a stateful stub
     * storing the message first, as Omnidesk does before its rule fires.
     */
    WebhookClient beforeEach(java.util.function.BiConsumer<Long, String> hook) {
        this.beforeEach = hook;
        return this;
    }

    void send(byte[] body, String uri, Done done) {
        Target t = target();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(t.host()).setPort(t.port())
                .setURI(uri).setIdleTimeout(15_000).putHeader("Content-Type", "application/json");
        client.request(options)
                .compose(req -> req.send(Buffer.buffer(body)).compose(resp -> resp.body().map(b -> resp.statusCode())))
                .onComplete(ar -> done.done(ar.succeeded() ? ar.result() : -1, System.nanoTime()));
    }

    /**
     * Blocks until {@code POST <base>/webhooks/omnidesk/wrong-secret-xxxxxxxx} answers 403 (intake open), on every
     * target in turn.
     */
    void awaitIntakeOpen(long timeoutMillis) throws InterruptedException {
        String probe = path.substring(0, path.lastIndexOf('/') + 1) + "wrong-secret-xxxxxxxx";
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Target t : targets) {
            awaitIntakeOpen(t, probe, deadline, timeoutMillis);
        }
    }

    private void awaitIntakeOpen(Target t, String probe, long deadline, long timeoutMillis)
            throws InterruptedException {
        while (System.currentTimeMillis() < deadline) {
            java.util.concurrent.CompletableFuture<Integer> status = new java.util.concurrent.CompletableFuture<>();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(t.host())
                    .setPort(t.port()).setURI(probe).setIdleTimeout(15_000)
                    .putHeader("Content-Type", "application/json");
            client.request(options)
                    .compose(req -> req.send(Buffer.buffer(body(1, "probe")))
                            .compose(resp -> resp.body().map(b -> resp.statusCode())))
                    .onComplete(ar -> status.complete(ar.succeeded() ? ar.result() : -1));
            try {
                if (status.get() == 403) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // not yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("webhook intake at " + t.host() + ":" + t.port() + " did not open within "
                + timeoutMillis + " ms");
    }

    void close() {
        client.close();
    }
}
