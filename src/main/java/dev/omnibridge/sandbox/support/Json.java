package dev.omnibridge.sandbox.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;

/**
 * Reading request bodies and writing JSON responses. Public only so the sandbox's {@code telegram} package shares
 * it; not meant for anyone else.
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ObjectNode error(String code) {
        return object().put("error", code);
    }

    /** The request body as a JSON object; anything else (empty, malformed, an array) is {@code invalid_json}. */
    public static ObjectNode body(RoutingContext ctx) {
        String raw = rawBody(ctx);
        if (raw.isBlank()) {
            throw SandboxException.badRequest("invalid_json");
        }
        try {
            JsonNode parsed = MAPPER.readTree(raw);
            if (parsed instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException malformed) {
            // reported below, like any other unusable body
        }
        throw SandboxException.badRequest("invalid_json");
    }

    /** The Omnidesk envelope member, e.g. {@code "case"} of {@code {"case": {...}}}. */
    public static ObjectNode member(ObjectNode body, String name) {
        if (body.get(name) instanceof ObjectNode inner) {
            return inner;
        }
        throw SandboxException.badRequest(name + "_required");
    }

    public static String rawBody(RoutingContext ctx) {
        RequestBody body = ctx.body();
        String raw = body == null ? null : body.asString();
        return raw == null ? "" : raw;
    }

    /** A request's context key: its answer waits this many milliseconds after it is ready (a fault of the sandbox). */
    public static final String ANSWER_AFTER_MILLIS = "sandbox.answerAfterMillis";

    public static void send(RoutingContext ctx, int status, JsonNode body) {
        write(ctx, status, toString(body));
    }

    /** Indented output for the sandbox's own endpoints, which people read in a terminal. */
    public static void sendPretty(RoutingContext ctx, int status, JsonNode body) {
        try {
            write(ctx, status, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree could not be written", e);
        }
    }

    public static String toString(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree could not be written", e);
        }
    }

    private static void write(RoutingContext ctx, int status, String text) {
        Long late = ctx.remove(ANSWER_AFTER_MILLIS);
        if (late != null && late > 0) {
            ctx.vertx().setTimer(late, id -> write(ctx, status, text));
            return;
        }
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(text);
    }
}
