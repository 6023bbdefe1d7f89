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
 * keep-alive HTTP/1.1 connections (Vert.x core's client).
 */
final class WebhookClient {

    /** Status and the moment the whole answer was read; status -1 when the call failed (I/O, timeout). */
    interface Done {
        void done(int status, long endNanos);
    }

    static final String DEFAULT_TEXT = "доставка";

    private final HttpClient client;
    private final String host;
    private final int port;
    private final String path;

    WebhookClient(Vertx vertx, String url, int connections) {
        URI uri = URI.create(url);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.path = uri.getRawPath();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                        .setConnectTimeout(5_000).setIdleTimeout(30),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    static byte[] body(long caseId, String text) {
        return ("{\"event\":\"new_message\",\"message\":{\"kind\":\"visitor\",\"text\":\"" + text + "\"},"
                + "\"visitor\":{\"id\":\"1\",\"fields\":{\"email\":\"\",\"id\":\"1\",\"name\":\"\",\"phone\":\"\"}},"
                + "\"chat_id\":" + caseId + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The rule's body for a message with any text, pasted raw as Omnidesk does (line breaks and all). */
    void sendText(long caseId, String text, Done done) {
        send(body(caseId, text), path, done);
    }

    void send(long caseId, Done done) {
        send(body(caseId, DEFAULT_TEXT), path, done);
    }

    void send(byte[] body, String uri, Done done) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                .setURI(uri).setIdleTimeout(15_000).putHeader("Content-Type", "application/json");
        client.request(options)
                .compose(req -> req.send(Buffer.buffer(body)).compose(resp -> resp.body().map(b -> resp.statusCode())))
                .onComplete(ar -> done.done(ar.succeeded() ? ar.result() : -1, System.nanoTime()));
    }

    /** Blocks until {@code POST <base>/webhooks/omnidesk/wrong-secret-xxxxxxxx} answers 403 (intake open). */
    void awaitIntakeOpen(long timeoutMillis) throws InterruptedException {
        String probe = path.substring(0, path.lastIndexOf('/') + 1) + "wrong-secret-xxxxxxxx";
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            java.util.concurrent.CompletableFuture<Integer> status = new java.util.concurrent.CompletableFuture<>();
            send(body(1, "probe"), probe, (s, t) -> status.complete(s));
            try {
                if (status.get() == 403) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // not yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("webhook intake at " + host + ":" + port + " did not open within "
                + timeoutMillis + " ms");
    }

    void close() {
        client.close();
    }
}
