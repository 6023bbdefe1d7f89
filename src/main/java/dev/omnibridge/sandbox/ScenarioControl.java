package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * {@code POST /sandbox/scenario/reload}: the bridge attached to this sandbox reads its scenario file again, so a
 * scenario author sees an edit at once (the playground's button, or curl). 200 {@code {"bot": "<who answers now>"}};
 * 422 {@code {"error": "invalid_scenario", "message": "<file>: <what> (line N, column M)"}} and the old scenario keeps
 * answering; 409 {@code external_bot} when an engine answers; 503 {@code no_bridge} when no bridge is attached.
 */
final class ScenarioControl {

    /** Set by the bridge in sandbox mode: reloads and says who answers, or throws the loader's one line. */
    private volatile Callable<String> reloader;

    void setReloader(Callable<String> reloader) {
        this.reloader = reloader;
    }

    void mount(Router router) {
        router.post("/sandbox/scenario/reload").handler(this::reload);
    }

    private void reload(RoutingContext ctx) {
        Callable<String> reload = reloader;
        if (reload == null) {
            Json.send(ctx, 503, Json.error("no_bridge"));
            return;
        }
        // a file read and a compile: off the event loop
        ctx.vertx().executeBlocking(reload::call, false).onComplete(done -> {
            if (done.succeeded()) {
                Json.send(ctx, 200, Json.object().put("bot", done.result()));
            } else if (done.cause() instanceof IllegalArgumentException invalid) {
                Json.send(ctx, 422, Json.error("invalid_scenario").put("message", invalid.getMessage()));
            } else if (done.cause() instanceof IllegalStateException external) {
                Json.send(ctx, 409, Json.error("external_bot").put("message", external.getMessage()));
            } else {
                Json.send(ctx, 500, Json.error("reload_failed").put("message", String.valueOf(done.cause())));
            }
        });
    }
}
