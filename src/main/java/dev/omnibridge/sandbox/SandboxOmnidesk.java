package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.BoundedLog;
import dev.omnibridge.sandbox.support.ChangeFeed;
import dev.omnibridge.sandbox.support.Json;
import dev.omnibridge.sandbox.telegram.SandboxTelegram;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process fake Omnidesk: the REST API under {@code /api} (Basic auth, keyed-object lists, rate-limit
 * headers, 429s, double-cost writes) and the two rule webhooks of the seed integration, with raw placeholder
 * substitution, firing on every case change, the bridge's own replies included; a custom channel ({@code cch1})
 * whose staff messages are posted to its URL, and a case-closed rule. The same server plays Telegram's Bot API
 * ({@link #telegram()}). {@code /sandbox} lets a person or a test play the customer and the operator over HTTP;
 * the methods below do the same in-process. {@code /} is the playground page on top of {@code /sandbox}, kept live by
 * {@code /sandbox/events} ({@link ChangeFeed}).
 *
 * <p>Thread-safe. Rule webhooks are delivered asynchronously, one at a time, in the order of the changes.
 */
public final class SandboxOmnidesk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxOmnidesk.class);
    private static final int LOG_CAPACITY = 10_000;
    private static final long START_TIMEOUT_SECONDS = 30;
    /** Where multipart uploads wait until their request ends (then they are deleted). */
    private static final String UPLOADS = System.getProperty("java.io.tmpdir") + "/omnibridge-sandbox-uploads";

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
    private final Directory directory;
    private final ChannelSender channelSender;
    private final BoundedLog<ChannelDelivery> channelDeliveries;
    private final SandboxTelegram telegram;
    private final ScenarioControl scenario;
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
        this.directory = parts.directory;
        this.channelSender = parts.channelSender;
        this.channelDeliveries = parts.channelDeliveries;
        this.telegram = parts.telegram;
        this.scenario = parts.scenario;
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
        parts.channelSender.close();
        parts.telegram.close();
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

    /**
     * Where the custom channel "Telegram bot" ({@code cch1}) posts staff messages of its cases; null or blank: none.
     */
    public void setChannelWebhookUrl(String url) {
        directory.setChannelWebhookUrl(url);
    }

    /**
     * How the bridge attached to this sandbox reloads its scenario ({@code POST /sandbox/scenario/reload}): returns who
     * answers now, or throws the loader's one-line error (IllegalArgumentException) or IllegalStateException when an
     * external engine answers.
     */
    public void setScenarioReloader(Callable<String> reloader) {
        scenario.setReloader(reloader);
    }

    /** Where the case-closed rule posts (placeholders substituted raw, like the others'); null disables it. */
    public void setCaseClosedWebhookUrl(String url) {
        rules.setCaseClosedUrl(url);
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

    /** A reply written in the operator's editor, stored as this HTML (the text is derived from it). */
    public SandboxMessage operatorWritesHtml(long caseId, String html) {
        return actors.operatorWrites(caseId, "", html, AfterResponse.NOTHING_TO_WAIT_FOR);
    }

    /** An internal note by the human operator. */
    public SandboxMessage operatorNote(long caseId, String text) {
        return actors.operatorNote(caseId, text, AfterResponse.NOTHING_TO_WAIT_FOR);
    }

    /** The operator closes the case; fires the updated-case and case-closed rules. */
    public SandboxCase closeCase(long caseId) {
        return actors.close(caseId, AfterResponse.NOTHING_TO_WAIT_FOR);
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

    /** Every staff message posted to the custom channel's URL so far (the latest 10,000), in delivery order. */
    public List<ChannelDelivery> channelDeliveries() {
        return channelDeliveries.snapshot();
    }

    public Faults faults() {
        return faults;
    }

    /** The sandbox Telegram Bot API, served by this same server: its API URL is {@link #baseUrl()}. */
    public SandboxTelegram telegram() {
        return telegram;
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
            channelSender.close();
            telegram.close();
        }
    }

    /** The sandbox's pieces, wired before the server starts so a failed start can be cleaned up. */
    private static final class Parts {
        final String staffEmail;
        final String apiKey;
        final ChangeFeed feed = new ChangeFeed();
        final BoundedLog<RecordedCall> calls = new BoundedLog<>(LOG_CAPACITY, () -> feed.changed(ChangeFeed.CALLS));
        final BoundedLog<WebhookDelivery> deliveries = new BoundedLog<>(LOG_CAPACITY,
                () -> feed.changed(ChangeFeed.WEBHOOKS));
        final BoundedLog<ChannelDelivery> channelDeliveries = new BoundedLog<>(LOG_CAPACITY,
                () -> feed.changed(ChangeFeed.CHANNEL));
        final Directory directory;
        final WebhookSender sender;
        final ChannelSender channelSender;
        final ChannelRelay channel;
        final BasicAuth auth;
        final Attachments attachments;
        final RuleEngine rules;
        final CaseBook cases;
        final Actors actors;
        final RateBudget budget;
        final Faults faults;
        final SandboxTelegram telegram;
        final ScenarioControl scenario = new ScenarioControl();
        volatile String baseUrl;

        Parts(SandboxSettings settings) {
            staffEmail = settings.staffEmail();
            apiKey = settings.apiKey() == null || settings.apiKey().isBlank() ? randomKey() : settings.apiKey();
            directory = new Directory(staffEmail);
            sender = new WebhookSender(settings.webhookTimeout(), deliveries);
            channelSender = new ChannelSender(settings.webhookTimeout(), channelDeliveries);
            channel = new ChannelRelay(directory, channelSender);
            auth = new BasicAuth(staffEmail, apiKey);
            attachments = new Attachments(auth, () -> baseUrl);
            rules = new RuleEngine(directory, sender, settings.fireUpdatedRuleOnCreate(), settings.webhookUrl());
            cases = new CaseBook(directory, rules, channel, Clock.systemUTC(), () -> feed.changed(ChangeFeed.CASES));
            actors = new Actors(cases, directory, settings.autoBotLabel());
            budget = new RateBudget(settings.rateLimitPerWindow(), settings.rateWindow(), System::nanoTime);
            faults = new Faults(budget, settings.rateLimitPerWindow(), settings.rateWindow());
            telegram = new SandboxTelegram(settings.telegramToken() == null ? SandboxTelegram.randomToken()
                    : settings.telegramToken(), () -> baseUrl, () -> feed.changed(ChangeFeed.TELEGRAM),
                    () -> feed.changed(ChangeFeed.TELEGRAM_CALLS));
        }

        Router router(Vertx vertx, SandboxSettings settings) {
            Router router = Router.router(vertx);
            // Observer before the body handler, so even a 413 for an oversized body is recorded with rate headers.
            router.route("/api/*").handler(new ApiObserver(calls, budget));
            // Files are taken only where Omnidesk takes them; the body handler after this one then stands aside.
            router.postWithRegex(CaseApi.MESSAGES).consumes("multipart/form-data").handler(BodyHandler.create(UPLOADS)
                    .setBodyLimit(settings.maxBodyBytes()).setDeleteUploadedFilesOnEnd(true));
            router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
            router.route("/api/*").handler(new ApiGate(vertx, auth, faults, budget));
            new CaseApi(cases, directory, settings.notePaths(), attachments).mount(router);
            new DirectoryApi(directory).mount(router);
            new KbApi(KbFixture.articles()).mount(router);
            new KbPages(KbFixture.articles()).mount(router);
            router.route("/api/*").handler(ctx -> Json.send(ctx, 404, Json.error("not_found")));
            attachments.mount(router);
            telegram.mount(vertx, router);
            feed.mount(vertx, router);
            new Playground().mount(router);
            scenario.mount(router);
            new ControlApi(actors, cases, directory, faults, rules, calls, deliveries,
                    new CustomChannelControl(directory, channel, channelDeliveries), this::about).mount(router);
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
            about.put("case_closed_webhook_url", rules.caseClosedUrl());
            about.put("telegram_token", telegram.token());
            about.put("telegram_api_url", baseUrl);
            about.putArray("rules").add(RuleTemplate.NEW_CASE.ruleName()).add(RuleTemplate.UPDATED_CASE.ruleName())
                    .add(RuleTemplate.CASE_CLOSED.ruleName());
            ArrayNode channels = about.putArray("custom_channels");
            directory.customChannels().forEach(c -> channels.add(OmnideskJson.customChannelNode(c)));
            return about;
        }

        private static String randomKey() {
            byte[] bytes = new byte[20];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
