package dev.omnibridge.metrics;

import dev.omnibridge.bot.Handoff;
import dev.omnibridge.cluster.PartitionOwnership;
import dev.omnibridge.dialog.DialogStore;
import dev.omnibridge.dialog.Verdict;
import dev.omnibridge.omnidesk.DeadLetterStore;
import dev.omnibridge.omnidesk.OmnideskBudget;
import dev.omnibridge.webhook.IntakeJournal;
import dev.omnibridge.webhook.OperatorReplyParser;
import dev.omnibridge.webhook.TolerantWebhookParser;
import dev.omnibridge.webhook.WebhookGuard;
import dev.omnibridge.webhook.WebhookResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * The bridge's own gauges and timers, next to the counters the routes keep with the micrometer component: API budget,
 * queue depth, stored dialogs, pending intake, dead letters, and how long a customer waited for the bot's answer.
 */
public class BridgeMetrics implements CamelContextAware {

    private CamelContext camelContext;
    private MeterRegistry registry;
    private OmnideskBudget budget;
    private PartitionOwnership ownership;
    private DeadLetterStore deadLetters;
    private IntakeJournal journal;
    private DialogStore dialogs;
    private Timer replyLatency;
    private Tags context = Tags.empty();

    /**
     * Registers the meters once the context starts: Camel Main binds its meter registry after the route files' beans
     * are built, so at bean creation it may not be there yet (the meters then went missing now and then).
     */
    public void init() throws Exception {
        camelContext.addStartupListener((context, alreadyStarted) -> register());
    }

    private synchronized void register() {
        // Camel Main builds the route files' beans twice (a pre-parse, then for real): only the instance the registry
        // holds watches the beans the routes use; the other one would watch discarded ones (and be refused anyway).
        if (registry != null || camelContext.getRegistry().lookupByName("bridgeMetrics") != this) {
            return;
        }
        registry = camelContext.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            return; // metrics switched off (camel.metrics.enabled=false)
        }
        // Every meter carries the context's name, as the routes' micrometer counters do, so one query covers all.
        context = Tags.of("camelContext", camelContext.getName());
        registerCountersAtZero();
        gauge("bridge.omnidesk.budget.left", "API units left in the current minute, as the bridge sees it",
                budget, OmnideskBudget::left);
        gauge("bridge.omnidesk.budget.limit", "The account's API limit per minute", budget, OmnideskBudget::limit);
        gauge("bridge.omnidesk.budget.waiting", "Omnidesk calls waiting for API budget", budget,
                OmnideskBudget::waitingCount);
        gauge("bridge.omnidesk.budget.store.down", "1 while the shared budget (budget.store=redis) cannot be consulted"
                + " and no Omnidesk call goes out", budget, b -> b.isStoreDown() ? 1 : 0);
        gauge("bridge.queue.depth", "Webhooks accepted and waiting in the dialog lanes", camelContext,
                BridgeMetrics::queueDepth);
        gauge("bridge.dialogs.cached", "Dialog states held in memory", dialogs, DialogStore::size);
        gauge("bridge.intake.pending", "Accepted webhooks not finished yet (journal entries)", journal,
                j -> orZero(j::size));
        gauge("bridge.dead.letters", "Omnidesk writes waiting for a replay", deadLetters, d -> orZero(d::size));
        if (ownership != null) {
            gauge("bridge.kafka.partitions.owned", "Cluster mode: partitions of the intake topic this replica answers",
                    ownership, PartitionOwnership::ownedCount);
            FunctionCounter.builder("bridge.kafka.records.replayed", ownership, PartitionOwnership::replayedCount)
                    .description("Cluster mode: records that may have been handled before (a rebalance, a crash, a"
                            + " replay) and were checked against their case first")
                    .tags(context).register(registry);
        }
        replyLatency = Timer.builder("bridge.reply.latency")
                .description("From webhook accepted to the bot's reply delivered to Omnidesk")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5)).tags(context).register(registry);
    }

    /**
     * The routes count with the micrometer component, whose counters appear on first use; alerts such as
     * {@code increase(bridge_handoffs_total[5m])} need them at 0 from the start. Same names and tag keys as the routes
     * use (a different tag set under one name would be refused by the Prometheus registry).
     */
    private void registerCountersAtZero() {
        for (String name : List.of("bridge.webhooks.received", "bridge.webhooks.ignored", "bridge.dialogs.started",
                "bridge.bot.turns", "bridge.turns.failed", "bridge.replies.sent", "bridge.handoffs.failed",
                "bridge.omnidesk.already.delivered",
                // Variant 2 (Telegram)
                "bridge.chat.events.accepted", "bridge.chat.events.duplicate", "bridge.customer.messages.relayed",
                "bridge.operator.replies.relayed", "bridge.chats.back.to.bot", "bridge.telegram.messages.sent",
                "bridge.telegram.poll.failed", "bridge.channel.ignored")) {
            Counter.builder(name).tags(context).register(registry);
        }
        for (String reason : List.of(Handoff.REQUESTED, Handoff.NOT_UNDERSTOOD, Handoff.BOT_UNAVAILABLE,
                Handoff.BOT_DECIDED, "operator-took-over")) {
            Counter.builder("bridge.handoffs").tags(context).tag("reason", reason).register(registry);
        }
        for (Verdict verdict : Verdict.values()) {
            if (verdict.dropsTheBurst()) {
                Counter.builder("bridge.messages.dropped").tags(context).tag("reason", verdict.tag()).register(registry);
            }
        }
        for (String result : List.of("hit", "miss")) {
            Counter.builder("bridge.kb.searches").tags(context).tag("result", result).register(registry);
        }
        for (String reason : List.of(WebhookGuard.FORBIDDEN, WebhookResponses.BUSY, WebhookResponses.UNAVAILABLE,
                TolerantWebhookParser.UNPARSEABLE, TolerantWebhookParser.EMPTY_BODY, TolerantWebhookParser.NOT_AN_OBJECT,
                TolerantWebhookParser.MISSING_CHAT_ID, TolerantWebhookParser.INVALID_CHAT_ID,
                OperatorReplyParser.INVALID_REPLY)) {
            Counter.builder("bridge.webhooks.rejected").tags(context).tag("reason", reason).register(registry);
        }
    }

    /** After a reply reached Omnidesk: how long the customer waited since the webhook was accepted. */
    public void replyDelivered(long receivedAt) {
        if (replyLatency != null && receivedAt > 0) {
            replyLatency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - receivedAt)));
        }
    }

    private <T> void gauge(String name, String description, T target, ToDoubleFunction<T> value) {
        Gauge.builder(name, target, value).description(description).tags(context).strongReference(true)
                .register(registry);
    }

    private static double queueDepth(CamelContext context) {
        return context.getEndpoints().stream().filter(SedaEndpoint.class::isInstance)
                .mapToInt(e -> ((SedaEndpoint) e).getCurrentQueueSize()).sum();
    }

    private static double orZero(IoSupplier supplier) {
        try {
            return supplier.get();
        } catch (IOException | RuntimeException e) {
            return Double.NaN; // the store cannot be read right now (a disk, or Redis in cluster mode)
        }
    }

    @FunctionalInterface
    private interface IoSupplier {
        int get() throws IOException;
    }

    public void setOwnership(PartitionOwnership ownership) {
        this.ownership = ownership;
    }

    public void setBudget(OmnideskBudget budget) {
        this.budget = budget;
    }

    public void setDeadLetters(DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
    }

    public void setJournal(IntakeJournal journal) {
        this.journal = journal;
    }

    public void setDialogs(DialogStore dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
