package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.BoundedLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers rule webhooks one at a time, in submission order, off the caller's thread. No retries: Omnidesk
 * documents none, and a bridge must not count on them.
 */
final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-omnidesk-rules");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http;
    private final Duration timeout;
    private final BoundedLog<WebhookDelivery> deliveries;

    WebhookSender(Duration timeout, BoundedLog<WebhookDelivery> deliveries) {
        this.timeout = timeout;
        this.deliveries = deliveries;
        // HTTP/1.1: a plain-text HTTP/2 upgrade attempt confuses some small receivers.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** Queues one delivery; it starts once {@code responded} completes (or after the timeout, whichever first). */
    void send(long caseId, RuleTemplate rule, String url, String body, CompletionStage<?> responded) {
        try {
            executor.execute(() -> {
                awaitQuietly(responded);
                Answer answer = post(url, body);
                deliveries.add(new WebhookDelivery(caseId, rule.ruleName(), url, body, answer.status(),
                        answer.text(), Instant.now()));
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("Sandbox closed; rule {} for case {} not delivered", rule.ruleName(), caseId);
        }
    }

    private record Answer(int status, String text) {}

    private Answer post(String url, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            LOG.debug("Rule webhook answered {}", response.statusCode());
            String text = response.body();
            return new Answer(response.statusCode(),
                    text.length() > WebhookDelivery.ANSWER_LIMIT ? text.substring(0, WebhookDelivery.ANSWER_LIMIT) : text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        } catch (Exception e) {
            // The URL is not logged: receivers authenticate with a secret inside it.
            LOG.warn("Rule webhook failed: {}", e.getClass().getSimpleName());
            return new Answer(-1, "not delivered: " + e.getClass().getSimpleName());
        }
    }

    private void awaitQuietly(CompletionStage<?> responded) {
        try {
            responded.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // The caller's connection died or hung; the change happened anyway, so the rule still fires.
        }
    }

    /** Lets queued deliveries finish for a moment, then drops the rest. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                List<Runnable> dropped = executor.shutdownNow();
                LOG.info("Sandbox closed with {} rule webhooks undelivered", dropped.size());
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
