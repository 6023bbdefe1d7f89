package dev.omnibridge.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One webhook address in front of several replicas, as a Kubernetes Service or a load balancer gives it: each
 * request goes to the next replica in turn; one that does not answer (connection refused or reset: a dead replica) is
 * skipped and the request tried on the next. What the replica answered is passed back as it is.
 */
final class FailoverProxy implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> backends = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failovers = new AtomicInteger();

    private FailoverProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    static FailoverProxy start() throws IOException {
        return new FailoverProxy();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The replicas' base URLs (http://host:port), replacing the previous ones. */
    void backends(String... urls) {
        backends.clear();
        backends.addAll(List.of(urls));
    }

    /** Requests that a replica did not answer and that went to another one. */
    int failovers() {
        return failovers.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestURI().toString();
        List<String> replicas = List.copyOf(backends);
        int first = Math.floorMod(next.getAndIncrement(), Math.max(1, replicas.size()));
        for (int i = 0; i < replicas.size(); i++) {
            String replica = replicas.get((first + i) % replicas.size());
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica + target))
                        .timeout(Duration.ofSeconds(20))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type != null) {
                    request.header("Content-Type", type);
                }
                HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type")
                        .ifPresent(answered -> exchange.getResponseHeaders().set("Content-Type", answered));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
                return;
            } catch (IOException e) {
                failovers.incrementAndGet(); // that replica is gone: the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        exchange.sendResponseHeaders(502, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
