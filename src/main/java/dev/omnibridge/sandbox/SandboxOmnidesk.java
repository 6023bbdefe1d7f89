package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process fake Omnidesk: the REST API under {@code /api} (Basic auth, keyed-object lists, rate-limit
 * headers, 429s, double-cost writes) and the two rule webhooks of the seed integration, with raw placeholder
 * substitution, firing on every case change, the bridge's own replies included. {@code /sandbox} lets a person
 * or a test play the customer and the operator over HTTP; the methods below do the same in-process.
 *
 * <p>Thread-safe. Rule webhooks are delivered asynchronously, one at a time, in the order of the changes.
 */
public final class SandboxOmnidesk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxOmnidesk.class);
    private static final int LOG_CAPACITY = 10_000;
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpServer server;
    private final String host;
    private final String staffEmail;
    private final String apiKey;
    private final CaseBook cases;
    private final Actors actors;
    private final RuleEngine rules;
    private final WebhookSender sender;
    private final Faults faults;
    private final BoundedLog<RecordedCall> calls;
    private final BoundedLog<WebhookDelivery> deliveries;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SandboxOmnidesk(Vertx vertx, HttpServer server, Parts parts, String host) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
        this.staffEmail = parts.staffEmail;
        this.apiKey = parts.apiKey;
        this.cases = parts.cases;
        this.actors = parts.actors;
        this.rules = parts.rules;
        this.sender = parts.sender;
        this.faults = parts.faults;
        this.calls = parts.calls;
        this.deliveries = parts.deliveries;
    }

    /** Starts the sandbox and returns once it is listening. */
    public static SandboxOmnidesk start(SandboxSettings settings) {
        Parts parts = new Parts(settings);
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(parts.router(vertx, settings))
                    .listen(settings.port(), settings.host())
                    .toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            SandboxOmnidesk sandbox = new SandboxOmnidesk(vertx, server, parts, settings.host());
            parts.baseUrl = sandbox.baseUrl();
            LOG.info("Sandbox Omnidesk listening on {} (API user {})", sandbox.baseUrl(), sandbox.staffEmail());
            return sandbox;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(vertx, parts, "Interrupted while starting the sandbox Omnidesk", e);
        } catch (ExecutionException e) {
            throw abort(vertx, parts, "Sandbox Omnidesk could not listen on " + where(settings), e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw abort(vertx, parts, "Sandbox Omnidesk could not start on " + where(settings), e);
        }
    }

    private static IllegalStateException abort(Vertx vertx, Parts parts, String message, Throwable cause) {
        parts.sender.close();
        vertx.close();
        return new IllegalStateException(message, cause);
    }

    private static String where(SandboxSettings settings) {
        return settings.host() + ":" + settings.port();
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port();
    }

    /** The bot staff member's e-mail: the Basic auth user of the API. */
    public String staffEmail() {
        return staffEmail;
    }

    public String apiKey() {
        return apiKey;
    }

    public long botStaffId() {
        return Directory.BOT_STAFF_ID;
    }

    public long operatorStaffId() {
        return Directory.OPERATOR_STAFF_ID;
    }

    public long botLabelId() {
        return Directory.BOT_LABEL_ID;
    }

    public long operatorLabelId() {
        return Directory.OPERATOR_LABEL_ID;
    }

    /** "Support", where operators work and where a handoff should move a case. */
    public long operatorGroupId() {
        return Directory.SUPPORT_GROUP_ID;
    }

    /** "Bot", where new customer cases land when {@code autoBotLabel} is on. */
    public long botGroupId() {
        return Directory.BOT_GROUP_ID;
    }

    /**
     * Where both rules POST. It may contain placeholders such as {@code [case_id]}, substituted raw.
     * Null disables the rules (changes made meanwhile fire nothing, later).
     */
    public void setWebhookUrl(String url) {
        rules.setWebhookUrl(url);
    }

    /** A customer opens a chat with this first message; fires the new-case rule (and the updated-case rule). */
    public SandboxCase createCase(String text, String userName, String userEmail) {
        return actors.createCase(text, userName, userEmail, AfterResponse.NOTHING_TO_WAIT_FOR);
    }

    public void customerWrites(long caseId, String text) {
        actors.customerWrites(caseId, text, AfterResponse.NOTHING_TO_WAIT_FOR);
    }

    /** A staff reply by the human operator ({@link #operatorStaffId()}). */
    public void operatorWrites(long caseId, String text) {
        actors.operatorWrites(caseId, text, AfterResponse.NOTHING_TO_WAIT_FOR);
    }

    /** An operator adds a label in the UI, e.g. the bot label to hand a case back to the bot. */
    public void addLabel(long caseId, long labelId) {
        actors.addLabel(caseId, labelId, AfterResponse.NOTHING_TO_WAIT_FOR);
    }

    public void removeLabel(long caseId, long labelId) {
        actors.removeLabel(caseId, labelId, AfterResponse.NOTHING_TO_WAIT_FOR);
    }

    /** The case as it is now, or null if there is no such case. */
    public SandboxCase caseById(long caseId) {
        return cases.find(caseId).orElse(null);
    }

    /** The case's messages and notes, oldest first; empty for an unknown case. */
    public List<SandboxMessage> messages(long caseId) {
        return cases.find(caseId).isPresent() ? cases.messages(caseId) : List.of();
    }

    /** Every {@code /api} request answered so far (the latest 10,000), in the order the answers were sent. */
    public List<RecordedCall> apiCalls() {
        return calls.snapshot();
    }

    /** Every rule firing delivered so far (the latest 10,000), in delivery order. */
    public List<WebhookDelivery> webhookDeliveries() {
        return deliveries.snapshot();
    }

    public Faults faults() {
        return faults;
    }

    /** Stops listening; rule webhooks still queued get a few seconds to go out. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Sandbox Omnidesk did not stop cleanly: {}", e.toString());
        } finally {
            sender.close();
        }
    }

    /** The sandbox's pieces, wired before the server starts so a failed start can be cleaned up. */
    private static final class Parts {
        final String staffEmail;
        final String apiKey;
        final BoundedLog<RecordedCall> calls = new BoundedLog<>(LOG_CAPACITY);
        final BoundedLog<WebhookDelivery> deliveries = new BoundedLog<>(LOG_CAPACITY);
        final Directory directory;
        final WebhookSender sender;
        final RuleEngine rules;
        final CaseBook cases;
        final Actors actors;
        final RateBudget budget;
        final Faults faults;
        volatile String baseUrl;

        Parts(SandboxSettings settings) {
            staffEmail = settings.staffEmail();
            apiKey = settings.apiKey() == null || settings.apiKey().isBlank() ? randomKey() : settings.apiKey();
            directory = new Directory(staffEmail);
            sender = new WebhookSender(settings.webhookTimeout(), deliveries);
            rules = new RuleEngine(directory, sender, settings.fireUpdatedRuleOnCreate(), settings.webhookUrl());
            cases = new CaseBook(directory, rules, Clock.systemUTC());
            actors = new Actors(cases, directory, settings.autoBotLabel());
            budget = new RateBudget(settings.rateLimitPerWindow(), settings.rateWindow(), System::nanoTime);
            faults = new Faults(budget, settings.rateLimitPerWindow(), settings.rateWindow());
        }

        Router router(Vertx vertx, SandboxSettings settings) {
            Router router = Router.router(vertx);
            // Observer before the body handler, so even a 413 for an oversized body is recorded with rate headers.
            router.route("/api/*").handler(new ApiObserver(calls, budget));
            router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
            router.route("/api/*").handler(new ApiGate(vertx, new BasicAuth(staffEmail, apiKey), faults, budget));
            new CaseApi(cases, directory, settings.notePaths()).mount(router);
            new DirectoryApi(directory).mount(router);
            new KbApi(KbFixture.articles()).mount(router);
            new KbPages(KbFixture.articles()).mount(router);
            router.route("/api/*").handler(ctx -> Json.send(ctx, 404, Json.error("not_found")));
            new ControlApi(actors, cases, faults, rules, calls, deliveries, this::about).mount(router);
            router.route().failureHandler(new Failures());
            return router;
        }

        /**
         * What a newcomer needs to point a bridge (or {@code check --sandbox}) at the sandbox, credentials included:
         * they open nothing but this local sandbox, and a hidden key would only stop people from trying.
         */
        private ObjectNode about() {
            ObjectNode about = Json.object()
                    .put("api", "/api")
                    .put("base_url", baseUrl)
                    .put("staff_email", staffEmail)
                    .put("api_key", apiKey)
                    .put("webhook_url", rules.webhookUrl())
                    .put("bot_staff_id", Directory.BOT_STAFF_ID)
                    .put("operator_staff_id", Directory.OPERATOR_STAFF_ID)
                    .put("bot_label_id", Directory.BOT_LABEL_ID)
                    .put("operator_label_id", Directory.OPERATOR_LABEL_ID)
                    .put("operator_group_id", Directory.SUPPORT_GROUP_ID)
                    .put("bot_group_id", Directory.BOT_GROUP_ID);
            about.putArray("rules").add(RuleTemplate.NEW_CASE.ruleName()).add(RuleTemplate.UPDATED_CASE.ruleName());
            return about;
        }

        private static String randomKey() {
            byte[] bytes = new byte[20];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
