package dev.omnibridge.sandbox;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The playground page at {@code /}: a customer's website chat, a Telegram chat, the operator's Omnidesk and what the
 * bridge does, side by side. Plain HTML, CSS and JavaScript from the jar ({@code playground/} on the classpath); the
 * page uses nothing but the control API under {@code /sandbox} and its change feed ({@code /sandbox/events}), so all
 * it does can be scripted with curl too.
 */
final class Playground {

    private static final String FILES = "playground";

    void mount(Router router) {
        // Not cached: after a rebuild the browser shows the new page, not a stale script with an old one.
        StaticHandler files = StaticHandler.create(FILES).setCachingEnabled(false).setIndexPage("index.html");
        router.get("/").handler(files);
        router.get("/playground/*").handler(files);
    }
}
