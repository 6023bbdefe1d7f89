package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.BoundedLog;
import dev.omnibridge.sandbox.support.Json;
import dev.omnibridge.sandbox.support.SandboxException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sandbox's own endpoints under {@code /sandbox}, for people with curl and for tests in other languages:
 * play the customer or the operator, read a conversation, see what the bridge called, flip fault switches.
 * The custom channel's switches are {@link CustomChannelControl}'s; Telegram's live in its own package.
 * No auth: the sandbox is a local tool. Output is indented for reading in a terminal.
 */
final class ControlApi {

    private static final int LATEST_MESSAGES = 100;

    private final Actors actors;
    private final CaseBook cases;
    private final Directory directory;
    private final Faults faults;
    private final RuleEngine rules;
    private final BoundedLog<RecordedCall> calls;
    private final BoundedLog<WebhookDelivery> deliveries;
    private final CustomChannelControl channel;
    private final Supplier<ObjectNode> about;

    ControlApi(Actors actors, CaseBook cases, Directory directory, Faults faults, RuleEngine rules,
               BoundedLog<RecordedCall> calls, BoundedLog<WebhookDelivery> deliveries, CustomChannelControl channel,
               Supplier<ObjectNode> about) {
        this.actors = actors;
        this.cases = cases;
        this.directory = directory;
        this.faults = faults;
        this.rules = rules;
        this.calls = calls;
        this.deliveries = deliveries;
        this.channel = channel;
        this.about = about;
    }

    void mount(Router router) {
        router.get("/sandbox").handler(ctx -> Json.sendPretty(ctx, 200, about.get().put("rules_enabled", rules.enabled())));
        router.get("/sandbox/cases").handler(this::listCases);
        router.post("/sandbox/cases").handler(this::createCase);
        router.get("/sandbox/cases/:id").handler(this::conversation);
        router.get("/sandbox/messages").handler(this::latestMessages);
        router.post("/sandbox/cases/:id/customer-messages").handler(this::customerWrites);
        router.post("/sandbox/cases/:id/operator-messages").handler(this::operatorWrites);
        router.post("/sandbox/cases/:id/notes").handler(this::operatorNote);
        router.post("/sandbox/cases/:id/close").handler(this::close);
        router.post("/sandbox/cases/:id/labels/:labelId").handler(this::addLabel);
        router.delete("/sandbox/cases/:id/labels/:labelId").handler(this::removeLabel);
        router.get("/sandbox/calls").handler(this::calls);
        router.get("/sandbox/webhooks").handler(this::deliveries);
        router.get("/sandbox/faults").handler(ctx -> Json.sendPretty(ctx, 200, faultsNode()));
        router.post("/sandbox/faults").handler(this::setFaults);
        router.put("/sandbox/webhook-url").handler(this::setWebhookUrl);
        router.put("/sandbox/case-closed-webhook-url").handler(this::setCaseClosedUrl);
        channel.mount(router);
        router.route("/sandbox/*").handler(ctx -> Json.send(ctx, 404, Json.error("not_found")));
    }

    /**
     * Every case as the API shows it, plus what an operator's case list shows: {@code user_name}, {@code bot} (the
     * bot label is on: the bot answers), {@code message_count} and {@code last_message} ({@code from}: customer, bot,
     * operator or note; {@code content}; {@code created_at}). Oldest case first.
     */
    private void listCases(RoutingContext ctx) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (SandboxCase c : cases.all()) {
            ObjectNode node = OmnideskJson.caseNode(c)
                    .put("user_name", directory.user(c.userId()).map(Directory.User::fullName).orElse(""))
                    .put("bot", c.hasLabel(Directory.BOT_LABEL_ID));
            List<SandboxMessage> thread = cases.messages(c.caseId());
            node.put("message_count", thread.size());
            if (thread.isEmpty()) {
                node.putNull("last_message");
            } else {
                SandboxMessage last = thread.get(thread.size() - 1);
                node.putObject("last_message").put("from", speaker(last)).put("content", last.text())
                        .put("created_at", OmnideskDates.format(last.createdAt()));
            }
            list.add(node);
        }
        Json.sendPretty(ctx, 200, list);
    }

    private void createCase(RoutingContext ctx) {
        ObjectNode body = Json.body(ctx);
        SandboxCase created = actors.createCase(JsonFields.text(body, "text"), JsonFields.text(body, "name"),
                JsonFields.text(body, "email"), AfterResponse.of(ctx));
        Json.sendPretty(ctx, 201, OmnideskJson.caseNode(created));
    }

    private void conversation(RoutingContext ctx) {
        long caseId = id(ctx, "id");
        ObjectNode view = Json.object();
        view.set("case", OmnideskJson.caseNode(cases.require(caseId)));
        ArrayNode lines = view.putArray("messages");
        for (SandboxMessage m : cases.messages(caseId)) {
            ObjectNode line = lines.addObject()
                    .put("from", speaker(m))
                    .put("content", m.text())
                    .put("created_at", OmnideskDates.format(m.createdAt()));
            if (!m.attachments().isEmpty()) {
                ArrayNode files = line.putArray("attachments");
                m.attachments().forEach(a -> files.add(a.fileName()));
            }
        }
        Json.sendPretty(ctx, 200, view);
    }

    /**
     * The latest {@code last} (default {@value #LATEST_MESSAGES}) messages and notes of all cases together, oldest
     * first, each as in a conversation plus its {@code case_id} and {@code message_id}: what happened lately, across
     * cases (the playground finds the bridge's handoffs there).
     */
    private void latestMessages(RoutingContext ctx) {
        int last = LATEST_MESSAGES;
        String asked = QueryParams.first(ctx, "last");
        if (asked != null) {
            try {
                last = Math.max(1, Integer.parseInt(asked));
            } catch (NumberFormatException notANumber) {
                throw SandboxException.badRequest("invalid_last");
            }
        }
        List<SandboxMessage> all = cases.all().stream().flatMap(c -> cases.messages(c.caseId()).stream())
                .sorted(Comparator.comparingLong(SandboxMessage::messageId)).toList();
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (SandboxMessage m : all.subList(Math.max(0, all.size() - last), all.size())) {
            list.addObject()
                    .put("case_id", m.caseId())
                    .put("message_id", m.messageId())
                    .put("from", speaker(m))
                    .put("content", m.text())
                    .put("created_at", OmnideskDates.format(m.createdAt()));
        }
        Json.sendPretty(ctx, 200, list);
    }

    private void customerWrites(RoutingContext ctx) {
        long caseId = id(ctx, "id");
        SandboxMessage added = actors.customerWrites(caseId, requiredText(ctx), AfterResponse.of(ctx));
        Json.sendPretty(ctx, 201, OmnideskJson.messageNode(added));
    }

    /** {@code text}, or {@code html} as the operator's editor would store it (then text may be left out). */
    private void operatorWrites(RoutingContext ctx) {
        long caseId = id(ctx, "id");
        ObjectNode body = Json.body(ctx);
        String text = JsonFields.text(body, "text");
        String html = JsonFields.text(body, "html");
        if (text.isBlank() && html.isBlank()) {
            throw SandboxException.badRequest("text_required");
        }
        SandboxMessage added = actors.operatorWrites(caseId, text, html, AfterResponse.of(ctx));
        Json.sendPretty(ctx, 201, OmnideskJson.messageNode(added));
    }

    private void operatorNote(RoutingContext ctx) {
        long caseId = id(ctx, "id");
        SandboxMessage added = actors.operatorNote(caseId, requiredText(ctx), AfterResponse.of(ctx));
        Json.sendPretty(ctx, 201, OmnideskJson.messageNode(added));
    }

    private void close(RoutingContext ctx) {
        SandboxCase closed = actors.close(id(ctx, "id"), AfterResponse.of(ctx));
        Json.sendPretty(ctx, 200, OmnideskJson.caseNode(closed));
    }

    private void addLabel(RoutingContext ctx) {
        SandboxCase edited = actors.addLabel(id(ctx, "id"), id(ctx, "labelId"), AfterResponse.of(ctx));
        Json.sendPretty(ctx, 200, OmnideskJson.caseNode(edited));
    }

    private void removeLabel(RoutingContext ctx) {
        SandboxCase edited = actors.removeLabel(id(ctx, "id"), id(ctx, "labelId"), AfterResponse.of(ctx));
        Json.sendPretty(ctx, 200, OmnideskJson.caseNode(edited));
    }

    /**
     * Each {@code /api} call with its answer's status, its {@code cost} in the budget (a read 1 unit, any write 2, as
     * Omnidesk counts) and {@code calls_left}, the budget left in the window after it.
     */
    private void calls(RoutingContext ctx) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (RecordedCall call : calls.snapshot()) {
            list.addObject()
                    .put("method", call.method())
                    .put("path", call.path())
                    .put("query", call.query())
                    .put("status", call.status())
                    .put("cost", call.cost())
                    .put("calls_left", call.callsLeft())
                    .put("body", call.requestBody())
                    .put("timestamp", call.timestamp().toString());
        }
        Json.sendPretty(ctx, 200, list);
    }

    /** Each rule firing with the bridge's answer. The URL is left out: the receiver's secret sits in it. */
    private void deliveries(RoutingContext ctx) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (WebhookDelivery d : deliveries.snapshot()) {
            list.addObject()
                    .put("case_id", d.caseId())
                    .put("rule", d.rule())
                    .put("status", d.status())
                    .put("answer", d.answer())
                    .put("body", d.body())
                    .put("sent_at", d.sentAt().toString());
        }
        Json.sendPretty(ctx, 200, list);
    }

    /** Same switches as {@link Faults}; several may be given at once, {@code reset} is applied first. */
    private void setFaults(RoutingContext ctx) {
        ObjectNode body = Json.body(ctx);
        try {
            if (body.path("reset").asBoolean(false)) {
                faults.reset();
            }
            Long failNext = JsonFields.optionalLong(body, "failNext");
            if (failNext != null) {
                Long status = JsonFields.optionalLong(body, "failStatus");
                Long retryAfter = JsonFields.optionalLong(body, "retryAfter");
                if (retryAfter != null && status != null && status == 429) {
                    faults.throttleNext(Math.toIntExact(failNext), retryAfter);
                } else {
                    faults.failNext(Math.toIntExact(failNext), status != null ? Math.toIntExact(status) : 500);
                }
            }
            Long delayMillis = JsonFields.optionalLong(body, "delayMillis");
            if (delayMillis != null) {
                faults.delay(Duration.ofMillis(delayMillis));
            }
            Long failWrites = JsonFields.optionalLong(body, "failNextWrites");
            if (failWrites != null) {
                Long status = JsonFields.optionalLong(body, "failStatus");
                faults.failNextWrites(Math.toIntExact(failWrites), status != null ? Math.toIntExact(status) : 500);
            }
            Long slowWrites = JsonFields.optionalLong(body, "slowWrites");
            if (slowWrites != null) {
                Long millis = JsonFields.optionalLong(body, "slowWriteMillis");
                faults.slowWrites(Math.toIntExact(slowWrites), Duration.ofMillis(millis != null ? millis : 45_000));
            }
            Long limit = JsonFields.optionalLong(body, "rateLimitPerWindow");
            if (limit != null) {
                Long seconds = JsonFields.optionalLong(body, "rateWindowSeconds");
                faults.rateLimit(Math.toIntExact(limit), seconds != null ? Duration.ofSeconds(seconds) : faults.rateWindow());
            }
        } catch (IllegalArgumentException | ArithmeticException outOfRange) {
            throw SandboxException.badRequest("invalid_fault");
        }
        Json.sendPretty(ctx, 200, faultsNode());
    }

    /** Who sees the rule firing is in-process only; over HTTP the URL can be set but is never echoed back. */
    private void setWebhookUrl(RoutingContext ctx) {
        rules.setWebhookUrl(JsonFields.text(Json.body(ctx), "url"));
        Json.sendPretty(ctx, 200, Json.object().put("rules_enabled", rules.enabled()));
    }

    private void setCaseClosedUrl(RoutingContext ctx) {
        rules.setCaseClosedUrl(JsonFields.text(Json.body(ctx), "url"));
        Json.sendPretty(ctx, 200, Json.object().put("case_closed_rule_enabled", rules.caseClosedUrl() != null));
    }

    /** Same names as the POST body, so what you read is what you can send back. */
    private ObjectNode faultsNode() {
        ObjectNode node = Json.object()
                .put("failNext", faults.pendingFailures())
                .put("failStatus", faults.failStatus())
                .put("delayMillis", faults.delay().toMillis())
                .put("failNextWrites", faults.pendingWriteFailures())
                .put("slowWrites", faults.pendingSlowWrites())
                .put("slowWriteMillis", faults.slowWriteDelay().toMillis())
                .put("rateLimitPerWindow", faults.rateLimitPerWindow());
        long windowMillis = faults.rateWindow().toMillis();
        return windowMillis % 1000 == 0
                ? node.put("rateWindowSeconds", windowMillis / 1000)
                : node.put("rateWindowSeconds", windowMillis / 1000.0);
    }

    private String requiredText(RoutingContext ctx) {
        String text = JsonFields.text(Json.body(ctx), "text");
        if (text.isBlank()) {
            throw SandboxException.badRequest("text_required");
        }
        return text;
    }

    private static String speaker(SandboxMessage m) {
        if (m.note()) {
            return "note";
        }
        if (m.staffId() == 0) {
            return "customer";
        }
        return m.staffId() == Directory.BOT_STAFF_ID ? "bot" : "operator";
    }

    private static long id(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new SandboxException(404, "id".equals(name) ? "case_not_found" : "label_not_found");
        }
    }
}
