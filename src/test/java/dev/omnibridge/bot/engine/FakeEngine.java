package dev.omnibridge.bot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/** A bot engine over real HTTP for tests: every request is recorded and answered by a script. */
final class FakeEngine implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the engine received it. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What to answer; {@link #hang()} answers nothing until the engine is closed. */
    record Response(int status, String contentType, String body, boolean hangs) {

        static Response json(Object body) {
            try {
                return new Response(200, "application/json", body instanceof String s ? s
                        : JSON.writeValueAsString(body), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Response raw(int status, String contentType, String body) {
            return new Response(status, contentType, body, false);
        }

        static Response hang() {
            return new Response(0, null, null, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Function<Request, Response> script;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeEngine(Function<Request, Response> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor); // a hanging answer must not block the others
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeEngine start(Function<Request, Response> script) {
        try {
            return new FakeEngine(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(Predicate<Request> filter) {
        return requests.stream().filter(filter).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            Response response;
            try {
                response = script.apply(request);
            } catch (RuntimeException e) {
                // A bug in a test's script shows up as a 500 and a stack trace, not as a mysterious I/O error.
                e.printStackTrace();
                response = Response.raw(500, "text/plain", "script failed");
            }
            if (response.hangs()) {
                closing.await(30, TimeUnit.SECONDS);
                return;
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The engine goes down: from now on connections are refused. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closing.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
