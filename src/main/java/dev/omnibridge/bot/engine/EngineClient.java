package dev.omnibridge.bot.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to one bot engine, with the limits a customer-facing bridge needs: a connect timeout, a deadline
 * for the whole call (body included), a cap on the response size, and a bounded number of retries with a short
 * backoff for failures that may pass (I/O errors, timeouts, 5xx). A 4xx, a redirect or an answer that is not JSON is
 * final. Configure with the setters, then call {@link #init()} once; thread-safe afterwards.
 *
 * <p>Bodies are customer data and are never logged; neither are credentials or the URL's query (it may hold a
 * token): failures carry a short description written here.
 */
public class EngineClient {

    public static final int MAX_RETRIES = 5;
    private static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Logger LOG = LoggerFactory.getLogger(EngineClient.class);

    private String url = "";
    private long timeoutMs = 5000;
    private long connectTimeoutMs = 2000;
    private int retries = 1;
    private long retryDelayMs = 200;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private String token = "";
    private String tokenHeader = "Authorization";
    private String tokenPrefix = "";
    private String usualScheme = "Bearer";
    private String username = "";
    private String password = "";

    private EngineAuth auth;
    private URI endpoint;
    private HttpClient http;

    public void setUrl(String url) {
        this.url = url == null ? "" : url.strip();
    }

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

    /** The pause before the first retry; doubled before each next one. */
    public void setRetryDelayMs(long retryDelayMs) {
        this.retryDelayMs = retryDelayMs;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public void setTokenHeader(String tokenHeader) {
        this.tokenHeader = tokenHeader;
    }

    /** The scheme before the token; blank: the engine's usual scheme in the Authorization header, else a bare token. */
    public void setTokenPrefix(String tokenPrefix) {
        this.tokenPrefix = tokenPrefix;
    }

    /** What a blank token prefix means in the Authorization header ("Bearer", or "Token" for Webim). */
    public void setUsualScheme(String usualScheme) {
        this.usualScheme = usualScheme;
    }

    /** Whether an engine URL is configured at all. */
    public boolean hasUrl() {
        return url != null && !url.isBlank();
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /**
     * Validates the settings and builds the HTTP client.
     *
     * @throws IllegalArgumentException one line naming the setting and the problem
     */
    public void init() {
        endpoint = httpUri(url, "bot.http.url");
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
        auth = EngineAuth.of(token, tokenHeader, effectiveTokenPrefix(), username, password);
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                // Credentials must not follow a redirect to another host; an engine that redirects is misconfigured.
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1: a cleartext HTTP/2 upgrade attempt confuses some small bot servers.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** POSTs {@code body} to the configured URL and returns the JSON answer. */
    public JsonNode post(JsonNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not serialisable", e);
        }
        return call(request(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/json; charset=utf-8").build());
    }

    /** GETs another resource of the same engine (same credentials and limits). */
    public JsonNode get(URI uri) {
        return call(request(uri).GET().build());
    }

    /** The configured endpoint, for deriving the engine's other resources. */
    public URI endpoint() {
        return endpoint;
    }

    /** For the start-up log: where, limits, which kind of credentials; never a secret or the URL's query. */
    private String effectiveTokenPrefix() {
        if (tokenPrefix != null && !tokenPrefix.isBlank()) {
            return tokenPrefix;
        }
        boolean authorization = tokenHeader == null || tokenHeader.isBlank()
                || "Authorization".equalsIgnoreCase(tokenHeader.strip());
        return authorization ? usualScheme : "";
    }

    public String describe() {
        return loggable(endpoint) + " (timeout " + timeoutMs + " ms, connect " + connectTimeoutMs + " ms, "
                + retries + (retries == 1 ? " retry, " : " retries, ") + auth.describe() + ")";
    }

    /** scheme://host:port/path: no user info, no query, no fragment. */
    static String loggable(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static URI httpUri(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty");
        }
        try {
            URI uri = new URI(value.strip());
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(setting + " must be an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a valid URL", e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        if (http == null) {
            throw new IllegalStateException("EngineClient.init() has not been called");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(timeoutMs))
                .header("Accept", "application/json")
                .header("User-Agent", "omnidesk-bot-bridge");
        return auth.applyTo(request);
    }

    private JsonNode call(HttpRequest request) {
        int attempts = retries + 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return once(request);
            } catch (EngineException e) {
                if (!e.isRetryable() || attempt >= attempts) {
                    throw attempt > 1 ? new EngineException(e.getMessage() + " (" + attempt + " attempts)",
                            e.isRetryable()) : e;
                }
                LOG.debug("Bot engine attempt {} of {} failed: {}; retrying", attempt, attempts, e.getMessage());
                pause(retryDelayMs << (attempt - 1));
            }
        }
    }

    private JsonNode once(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, LimitedBody.handler(maxResponseBytes));
        HttpResponse<byte[]> response;
        try {
            // The request's own timeout stops at the headers; this deadline also covers a body that trickles in.
            response = pending.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new EngineException("no answer within " + timeoutMs + " ms", true);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", false);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw new EngineException("HTTP " + status, true);
        }
        if (status < 200 || status >= 300) {
            throw new EngineException("HTTP " + status, false);
        }
        return parse(response);
    }

    private EngineException failure(Throwable cause) {
        if (cause instanceof LimitedBody.TooLarge) {
            return EngineException.garbage("answer larger than " + maxResponseBytes + " bytes");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new EngineException("could not connect within " + connectTimeoutMs + " ms", true);
        }
        if (cause instanceof HttpTimeoutException) {
            return new EngineException("no answer within " + timeoutMs + " ms", true);
        }
        if (cause instanceof ConnectException) {
            return new EngineException("cannot connect (engine down or unreachable)", true);
        }
        if (cause instanceof IOException) {
            return new EngineException("I/O error (" + cause.getClass().getSimpleName() + ")", true);
        }
        return new EngineException("unexpected failure (" + cause.getClass().getSimpleName() + ")", false);
    }

    private static JsonNode parse(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("no content type");
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            throw EngineException.garbage("empty answer (HTTP " + response.statusCode() + ")");
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw EngineException.garbage("empty answer (HTTP " + response.statusCode() + ")");
            }
            return json;
        } catch (IOException e) {
            // Jackson's message quotes the body: only the content type is reported.
            throw EngineException.garbage("answer is not JSON (" + type + ")");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", false);
        }
    }
}
