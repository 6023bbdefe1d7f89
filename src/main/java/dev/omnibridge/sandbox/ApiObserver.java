package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.BoundedLog;
import dev.omnibridge.sandbox.support.Json;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * First handler of every {@code /api} request. Just before the response headers go out it records the call and
 * makes sure the rate headers are present, whatever answered (a 401, a body that was too large, a 404).
 * Recording at that moment means a client that has its answer can already see the call in {@code apiCalls()}.
 */
final class ApiObserver implements Handler<RoutingContext> {

    private final BoundedLog<RecordedCall> calls;
    private final RateBudget budget;

    ApiObserver(BoundedLog<RecordedCall> calls, RateBudget budget) {
        this.calls = calls;
        this.budget = budget;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Instant arrived = Instant.now();
        HttpServerRequest request = ctx.request();
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            if (!headers.contains(ApiGate.RATE_LIMIT_HEADER)) {
                ApiGate.putRateHeaders(headers, budget.peek());
            }
            String query = request.query() == null ? "" : request.query();
            calls.add(new RecordedCall(request.method().name(), request.path(), query,
                    ctx.response().getStatusCode(), callsLeft(headers), Json.rawBody(ctx), arrived));
        });
        ctx.next();
    }

    private static int callsLeft(MultiMap headers) {
        try {
            return Integer.parseInt(headers.get(ApiGate.CALLS_LEFT_HEADER));
        } catch (NumberFormatException unreadable) {
            return -1; // never expected: the header is set just above when nothing else set it
        }
    }
}
