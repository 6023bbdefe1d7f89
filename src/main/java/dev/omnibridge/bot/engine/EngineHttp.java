package dev.omnibridge.bot.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.function.LongSupplier;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * The bridge's side of one HTTP call to the engine (routes/bot-engine.yaml makes it with camel-http): the answer is
 * read within a size limit and the deadline, and must be JSON; failures that may pass (I/O errors, timeouts, 5xx)
 * are retried, a 4xx, a redirect or an answer that is not JSON is final. Failures are told in a short description
 * written here: bodies are customer data, and neither they nor credentials nor the URL's query are ever logged.
 */
public class EngineHttp {

    public static final int MAX_RETRIES = 5;
    static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private long timeoutMs = 5000;
    private long connectTimeoutMs = 2000;
    private int retries = 1;
    private long retryDelayMs = 200;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private LongSupplier clock = System::currentTimeMillis;

    /** The deadline of one attempt, from sending the request to the last byte of the answer. */
    public void setTimeoutMs(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public void setConnectTimeoutMs(long connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    /** Extra attempts after a failure that may pass; 0 to {@value #MAX_RETRIES}. */
    public void setRetries(int retries) {
        this.retries = retries;
    }

    /** The pause before the first retry; doubled before each next one (the route's redelivery policy). */
    public void setRetryDelayMs(long retryDelayMs) {
        this.retryDelayMs = retryDelayMs;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    void setClock(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Checks the settings; called when an engine is picked.
     *
     * @throws IllegalArgumentException one line naming the setting and the problem
     */
    public void init() {
        if (timeoutMs <= 0 || connectTimeoutMs <= 0) {
            throw new IllegalArgumentException("bot.http.timeout-ms and bot.http.connect-timeout-ms must be positive");
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("bot.http.retries must be between 0 and " + MAX_RETRIES);
        }
        if (retryDelayMs < 0) {
            throw new IllegalArgumentException("bot.http.retry-delay-ms must not be negative");
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("the response size limit must be positive");
        }
    }

    /** For the start-up log: "timeout 5000 ms, connect 2000 ms, 1 retry". */
    public String describe() {
        return "timeout " + timeoutMs + " ms, connect " + connectTimeoutMs + " ms, " + retries
                + (retries == 1 ? " retry" : " retries");
    }

    /**
     * The engine's answer to one attempt.
     *
     * @param body        the response body as camel-http left it: the unread stream (or nothing)
     * @param status      the HTTP status
     * @param contentType the response's content type, for the description of a broken answer
     * @param startedAt   when the attempt was sent: the whole answer must have arrived within the timeout
     * @throws EngineException the attempt failed; {@link EngineException#isRetryable()} tells whether to try again
     */
    public JsonNode read(Object body, int status, String contentType, Date startedAt) {
        if (status >= 500) {
            LimitedBody.discard(body);
            throw new EngineException("HTTP " + status, true);
        }
        if (status < 200 || status >= 300) {
            LimitedBody.discard(body);
            throw new EngineException("HTTP " + status, false);
        }
        byte[] bytes;
        try {
            bytes = bytes(body, (startedAt == null ? clock.getAsLong() : startedAt.getTime()) + timeoutMs);
        } catch (LimitedBody.TooLarge e) {
            throw EngineException.garbage("answer larger than " + maxResponseBytes + " bytes");
        } catch (LimitedBody.TooLate | SocketTimeoutException e) {
            throw new EngineException("no answer within " + timeoutMs + " ms", true);
        } catch (IOException e) {
            throw new EngineException("I/O error (" + e.getClass().getSimpleName() + ")", true);
        }
        String type = contentType == null ? "no content type" : contentType;
        if (bytes.length == 0) {
            throw EngineException.garbage("empty answer (HTTP " + status + ")");
        }
        try {
            JsonNode json = JSON.readTree(bytes);
            if (json == null || json.isMissingNode()) {
                throw EngineException.garbage("empty answer (HTTP " + status + ")");
            }
            return json;
        } catch (IOException e) {
            // Jackson's message quotes the body: only the content type is reported.
            throw EngineException.garbage("answer is not JSON (" + type + ")");
        }
    }

    private byte[] bytes(Object body, long deadline) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof InputStream in) {
            return LimitedBody.read(in, maxResponseBytes, deadline, clock);
        }
        byte[] bytes = body instanceof byte[] b ? b : body.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxResponseBytes) {
            throw new LimitedBody.TooLarge(maxResponseBytes);
        }
        return bytes;
    }

    /**
     * The retry policy's {@code retryWhile}: a failure that may pass, while retries are left.
     *
     * @param failedAttempts Camel's redelivery counter, which has counted this failure already
     */
    public boolean shouldRetry(Throwable failure, int failedAttempts) {
        return failedAttempts <= retries && isRetryable(failure);
    }

    /** A failure of the call or of the engine's answer, told by {@link #describe}; anything else is a bug. */
    static boolean isCallFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EngineException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EngineException e) {
                return e.isRetryable();
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * What went wrong, in words safe to log and to put in the operator's note: never a body, a credential or a URL.
     * A failure that may pass has had all its attempts, so they are counted in.
     */
    public String describe(Throwable failure) {
        String what = what(failure);
        return isRetryable(failure) && retries > 0 ? what + " (" + (retries + 1) + " attempts)" : what;
    }

    private String what(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EngineException e) {
                return e.getMessage();
            }
            if (t instanceof ConnectTimeoutException) {
                return "could not connect within " + connectTimeoutMs + " ms";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer within " + timeoutMs + " ms";
            }
            if (t instanceof ConnectException) {
                return "cannot connect (engine down or unreachable)";
            }
            if (t instanceof IOException) {
                return "I/O error (" + t.getClass().getSimpleName() + ")";
            }
        }
        return "unexpected " + (failure == null ? "failure" : failure.getClass().getSimpleName());
    }
}
