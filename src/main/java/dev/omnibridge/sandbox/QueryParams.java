package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.SandboxException;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Query parameters as PHP-style APIs take them: {@code status[]=open&status[]=waiting}, plain or comma-separated. */
final class QueryParams {

    private QueryParams() {
    }

    static String first(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** All values of {@code name[]} and {@code name}, comma-separated values split, blanks dropped. */
    static List<String> list(RoutingContext ctx, String name) {
        List<String> raw = new ArrayList<>(ctx.queryParam(name + "[]"));
        raw.addAll(ctx.queryParam(name));
        return raw.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    static List<Long> longs(RoutingContext ctx, String name) {
        try {
            return list(ctx, name).stream().map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw SandboxException.badRequest("invalid_" + name);
        }
    }
}
