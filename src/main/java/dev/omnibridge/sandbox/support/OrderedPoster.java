package dev.omnibridge.sandbox.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One daemon thread and its HTTP client that post to someone else's URL one at a time, in submission order, off the
 * caller's thread; a non-2xx answer or a failed connection is tried again after a doubling pause, up to a number of
 * attempts. What is posted and what is recorded stay with the caller. Public only for the sandbox's {@code telegram}
 * package.
 */
public final class OrderedPoster {

    /**
     * One attempt's result: the status and the answer's text cut to the limit, or status -1, why there was none as
     * the text, and the exception; {@code attempts} counts the attempts made up to this one.
     */
    public record Answer(int status, String text, Exception failure, int attempts) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** The thread was interrupted, which only happens while closing: no one's fault, nothing to warn about. */
        public boolean interrupted() {
            return failure instanceof InterruptedException;
        }
    }

    /**
     * How often to try: the pause before attempt n+1 is {@code firstPauseMillis << (n - 1)}, at most
     * {@code maxPauseMillis}.
     */
    public record Retries(int attempts, long firstPauseMillis, long maxPauseMillis) {

        public static final Retries NONE = new Retries(1, 0, 0);
    }

    private final ExecutorService executor;
    private final HttpClient http;
    private final Duration timeout;
    private final int answerLimit;
    private final Retries retries;

    /**
     * @param timeout     per request, and the longest wait for the caller's own answer
     * @param answerLimit characters of the answer kept; 0 keeps none (the body is read and discarded)
     */
    public OrderedPoster(String threadName, Duration connectTimeout, Duration timeout, int answerLimit,
            Retries retries) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // HTTP/1.1: a plain-text HTTP/2 upgrade attempt confuses some small receivers.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        this.timeout = timeout;
        this.answerLimit = answerLimit;
        this.retries = retries;
    }

    /**
     * Queues one delivery: once {@code responded} completes (or after the timeout, whichever first) it is posted,
     * {@code attempted} hears every attempt and {@code recorded} the last one. False when closed: nothing was queued.
     */
    public boolean post(String url, String contentType, Map<String, String> headers, String body,
            CompletionStage<?> responded, Consumer<Answer> attempted, Consumer<Answer> recorded) {
        return execute(() -> {
            awaitQuietly(responded);
            Answer answer = deliver(url, contentType, headers, body, () -> true, attempted);
            if (answer != null) {
                recorded.accept(answer);
            }
        });
    }

    /** Runs the task on the poster's thread after everything queued before it. False when closed. */
    public boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /**
     * Posts on the calling thread until the receiver accepts or the attempts are used up. Stops early, before a
     * further attempt, when the pause is interrupted or {@code stillWanted} says no: then the last answer has fewer
     * attempts than allowed, or there is none (null).
     */
    public Answer deliver(String url, String contentType, Map<String, String> headers, String body,
            BooleanSupplier stillWanted, Consumer<Answer> attempted) {
        Answer answer = null;
        for (int made = 0; made < retries.attempts(); made++) {
            if (made > 0 && !pause(Math.min(retries.maxPauseMillis(), retries.firstPauseMillis() << (made - 1)))) {
                break;
            }
            if (!stillWanted.getAsBoolean()) {
                break;
            }
            answer = send(url, contentType, headers, body, made + 1);
            attempted.accept(answer);
            if (answer.accepted()) {
                break;
            }
        }
        return answer;
    }

    private Answer send(String url, String contentType, Map<String, String> headers, String body, int attempt) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            if (answerLimit == 0) {
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                return new Answer(status, "", null, attempt);
            }
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = response.body();
            return new Answer(response.statusCode(),
                    text.length() > answerLimit ? text.substring(0, answerLimit) : text, null, attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", e, attempt);
        } catch (Exception e) {
            return new Answer(-1, "not delivered: " + e.getClass().getSimpleName(), e, attempt);
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
            // The caller's connection died or hung; what it did happened anyway, so it is still posted.
        }
    }

    /**
     * Lets queued deliveries finish for a moment (a post under way can time out), then drops the rest and tells
     * {@code dropped} how many were never started.
     */
    public void close(IntConsumer dropped) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                dropped.accept(executor.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts the delivery under way and drops the queue, waiting up to {@code grace} for the thread to end. */
    public void closeNow(Duration grace) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
