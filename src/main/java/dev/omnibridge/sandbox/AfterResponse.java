package dev.omnibridge.sandbox;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Signals for "the caller has its answer", which rule deliveries wait for. */
final class AfterResponse {

    /** For changes made through the Java API: there is no response to wait for. */
    static final CompletionStage<Void> NOTHING_TO_WAIT_FOR = CompletableFuture.completedFuture(null);

    private AfterResponse() {
    }

    /** Completes when this request's response has been sent (or failed because the connection went away). */
    static CompletionStage<Void> of(RoutingContext ctx) {
        return ctx.addEndHandler().toCompletionStage();
    }
}
