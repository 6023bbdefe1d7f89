package dev.omnibridge.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for the bridge's webhook endpoint: records every request exactly as received. */
final class WebhookReceiver implements AutoCloseable {

    record Received(String method, String path, String query, String contentType, String body,
                    Map<String, List<String>> headers) {

        /** A request header's first value (names are case-insensitive), null when absent. */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    body, Map.copyOf(exchange.getRequestHeaders())));
            // No body: headers alone go out in one packet, avoiding a Nagle/delayed-ACK stall per request.
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    void answerWith(int httpStatus) {
        this.status = httpStatus;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> bodies() {
        return received.stream().map(Received::body).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
