package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.Json;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.OptionalInt;

/**
 * What stands between a request and the Omnidesk API handlers, in order: the delay faults, Basic auth,
 * the fail-next fault, then the account's rate budget. Anything refused here has no effect.
 */
final class ApiGate implements Handler<RoutingContext> {

    /** Omnidesk's header names, literally: lower case with underscores, not X-RateLimit-*. */
    static final String RATE_LIMIT_HEADER = "rate_limit_per_minute";
    static final String CALLS_LEFT_HEADER = "api_calls_left";
    static final String RETRY_AFTER_HEADER = "retry_after";

    private final Vertx vertx;
    private final BasicAuth auth;
    private final Faults faults;
    private final RateBudget budget;

    ApiGate(Vertx vertx, BasicAuth auth, Faults faults, RateBudget budget) {
        this.vertx = vertx;
        this.auth = auth;
        this.faults = faults;
        this.budget = budget;
    }

    static void putRateHeaders(MultiMap headers, RateBudget.Decision d) {
        headers.set(RATE_LIMIT_HEADER, Integer.toString(d.limit()));
        headers.set(CALLS_LEFT_HEADER, Integer.toString(d.left()));
    }

    /** Omnidesk's own header, plus the standard one a generic HTTP client honours. */
    static void putRetryHeaders(MultiMap headers, RateBudget.Decision d) {
        headers.set(RETRY_AFTER_HEADER, Long.toString(d.retryAfterSeconds()));
        headers.set("Retry-After", Long.toString(d.retryAfterSeconds()));
    }

    @Override
    public void handle(RoutingContext ctx) {
        long delayMillis = faults.delay().toMillis();
        if (cost(ctx.request().method()) > 1) {
            delayMillis += faults.takeSlowWrite().toMillis();
            long late = faults.takeLateAnswer().toMillis();
            if (late > 0) {
                ctx.put(Json.ANSWER_AFTER_MILLIS, late); // stored now, answered later (Json.send)
            }
        }
        if (delayMillis > 0) {
            // A timer, not a sleep: the event loop keeps serving everyone else meanwhile.
            vertx.setTimer(delayMillis, id -> admit(ctx));
        } else {
            admit(ctx);
        }
    }

    private void admit(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        if (!auth.accepts(ctx.request().getHeader("Authorization"))) {
            headers.set("WWW-Authenticate", "Basic realm=\"Omnidesk API\"");
            Json.send(ctx, 401, Json.error("unauthorized"));
            return;
        }
        OptionalInt fault = faults.takeFailure();
        if (fault.isEmpty() && cost(ctx.request().method()) > 1) {
            fault = faults.takeWriteFailure();
        }
        if (fault.isPresent()) {
            if (fault.getAsInt() == 429) {
                RateBudget.Decision now = budget.peek();
                long retryAfter = faults.failRetryAfter();
                putRateHeaders(headers, new RateBudget.Decision(false, now.limit(), 0, now.retryAfterSeconds()));
                putRetryHeaders(headers, retryAfter > 0
                        ? new RateBudget.Decision(false, now.limit(), 0, retryAfter) : now);
            }
            Json.send(ctx, fault.getAsInt(), Json.error("sandbox_fault"));
            return;
        }
        RateBudget.Decision decision = budget.tryConsume(cost(ctx.request().method()));
        putRateHeaders(headers, decision);
        if (!decision.allowed()) {
            putRetryHeaders(headers, decision);
            Json.send(ctx, 429, Json.error("too_many_requests"));
            return;
        }
        ctx.next();
    }

    /** Omnidesk counts writes double. */
    static int cost(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) ? 1 : 2;
    }
}
