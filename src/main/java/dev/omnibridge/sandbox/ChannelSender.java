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
 * Posts staff messages to the custom channel's URL, form-encoded, one at a time in submission order (so in order per
 * case), off the caller's thread. Whether Omnidesk retries is unknown; a few retries here make a receiver that
 * fails once and then succeeds see the same message twice, which it must survive anyway.
 */
final class ChannelSender implements AutoCloseable {

    static final int ATTEMPTS = 3;
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(ChannelSender.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-omnidesk-channel");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http;
    private final Duration timeout;
    private final BoundedLog<ChannelDelivery> deliveries;

    ChannelSender(Duration timeout, BoundedLog<ChannelDelivery> deliveries) {
        this.timeout = timeout;
        this.deliveries = deliveries;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** Queues one delivery; it starts once {@code responded} completes (or after the timeout, whichever first). */
    void send(long caseId, long messageId, String url, String body, CompletionStage<?> responded) {
        try {
            executor.execute(() -> {
                awaitQuietly(responded);
                deliver(caseId, messageId, url, body);
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("Sandbox closed; message {} not posted to the channel", messageId);
        }
    }

    private void deliver(long caseId, long messageId, String url, String body) {
        Answer answer = null;
        int attempt = 0;
        while (attempt < ATTEMPTS) {
            if (attempt > 0 && !pause(FIRST_BACKOFF_MILLIS << (attempt - 1))) {
                break;
            }
            attempt++;
            answer = post(url, body);
            if (answer.status() >= 200 && answer.status() < 300) {
                break;
            }
        }
        if (answer != null) {
            deliveries.add(new ChannelDelivery(caseId, messageId, body, answer.status(), answer.text(), attempt,
                    Instant.now()));
        }
    }

    private record Answer(int status, String text) {}

    private Answer post(String url, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = response.body();
            return new Answer(response.statusCode(),
                    text.length() > WebhookDelivery.ANSWER_LIMIT ? text.substring(0, WebhookDelivery.ANSWER_LIMIT) : text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        } catch (Exception e) {
            // The URL is not logged: receivers authenticate with a secret inside it.
            LOG.warn("Custom channel webhook failed: {}", e.getClass().getSimpleName());
            return new Answer(-1, "not delivered: " + e.getClass().getSimpleName());
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitQuietly(CompletionStage<?> responded) {
        try {
            responded.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // The caller's connection died or hung; the message exists anyway, so it is still posted.
        }
    }

    /** Lets queued deliveries finish for a moment, then drops the rest. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                List<Runnable> dropped = executor.shutdownNow();
                LOG.info("Sandbox closed with {} channel messages undelivered", dropped.size());
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
