package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.Json;
import dev.omnibridge.sandbox.support.SandboxException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns anything a handler threw into a short JSON error, never a stack trace. */
final class Failures implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof SandboxException refused) {
            Json.send(ctx, refused.status(), Json.error(refused.error()));
            return;
        }
        int status = ctx.statusCode();
        if (status == 413) {
            Json.send(ctx, 413, Json.error("payload_too_large"));
        } else if (status >= 400 && status < 500) {
            Json.send(ctx, status, Json.error("bad_request"));
        } else {
            LOG.error("Sandbox Omnidesk failed on {} {}", ctx.request().method(), ctx.request().path(), failure);
            Json.send(ctx, 500, Json.error("internal_error"));
        }
    }
}
