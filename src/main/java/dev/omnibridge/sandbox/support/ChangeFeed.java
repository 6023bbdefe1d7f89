package dev.omnibridge.sandbox.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code GET /sandbox/events}: Server-Sent Events telling a page that something in the sandbox changed, so that it
 * re-reads it through the ordinary control API. One event per burst of changes:
 *
 * <pre>
 * event: changed
 * data: {"what":["calls","cases"]}
 * </pre>
 *
 * <p>{@code what} names the parts: {@code cases} (a case or its messages), {@code telegram} (a Telegram chat),
 * {@code webhooks} (a rule webhook delivered), {@code calls} (an {@code /api} call answered), {@code channel} (a staff
 * message posted to the custom channel's URL, with the receiver's answer), {@code telegram-calls} (a Bot API call
 * answered). A kind is reported once its log is wired to {@link #changed}. The events carry no data
 * of their own: a client that missed some (or reconnected) loses nothing by re-reading. A comment line every
 * {@value #HEARTBEAT_MILLIS} ms keeps proxies and the browser from calling the stream dead.
 *
 * <p>{@link #changed} is called under the sandbox's locks, so it only schedules. Public for the telegram package.
 */
public final class ChangeFeed {

    public static final String CASES = "cases";
    public static final String TELEGRAM = "telegram";
    public static final String WEBHOOKS = "webhooks";
    public static final String CALLS = "calls";
    public static final String CHANNEL = "channel";
    public static final String TELEGRAM_CALLS = "telegram-calls";

    /** Changes within this long go out as one event: a bot turn is several changes in a few milliseconds. */
    private static final long COALESCE_MILLIS = 100;
    private static final long HEARTBEAT_MILLIS = 15_000;

    private final List<HttpServerResponse> clients = new CopyOnWriteArrayList<>();
    private final Set<String> pending = new TreeSet<>();
    private volatile Vertx vertx;
    private boolean scheduled;

    /** Something of this kind changed; the event leaves a moment later, together with whatever else changes. */
    public void changed(String what) {
        Vertx running = vertx;
        synchronized (pending) {
            pending.add(what);
            if (scheduled || running == null || clients.isEmpty()) {
                return;
            }
            scheduled = true;
        }
        running.setTimer(COALESCE_MILLIS, id -> flush());
    }

    public void mount(Vertx vertx, Router router) {
        this.vertx = vertx;
        router.get("/sandbox/events").handler(this::subscribe);
        vertx.setPeriodic(HEARTBEAT_MILLIS, id -> send(": heartbeat\n\n"));
    }

    private void subscribe(RoutingContext ctx) {
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(closed -> clients.remove(response));
        response.exceptionHandler(failed -> clients.remove(response));
        // Tells a reconnecting browser how long to wait, and a new client that everything may have changed.
        response.write("retry: 1000\n\nevent: changed\ndata: {\"what\":[\"" + String.join("\",\"", CASES, TELEGRAM,
                WEBHOOKS, CALLS, CHANNEL, TELEGRAM_CALLS) + "\"]}\n\n");
        clients.add(response);
    }

    private void flush() {
        List<String> what;
        synchronized (pending) {
            what = List.copyOf(pending);
            pending.clear();
            scheduled = false;
        }
        if (!what.isEmpty()) {
            send("event: changed\ndata: {\"what\":[\"" + String.join("\",\"", what) + "\"]}\n\n");
        }
    }

    private void send(String text) {
        for (HttpServerResponse client : clients) {
            if (client.closed() || client.ended()) {
                clients.remove(client);
            } else if (!client.writeQueueFull()) { // a client that stopped reading misses events, not memory
                client.write(text);
            }
        }
    }
}
