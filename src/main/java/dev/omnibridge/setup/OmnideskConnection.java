package dev.omnibridge.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.omnidesk.OmnideskResponses;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Read-only calls to Omnidesk's REST API for the setup tools: HTTP Basic with the staff e-mail and the API key,
 * connect and response timeouts, no redirects (they would carry the credentials elsewhere), failures turned into
 * {@link AccountReadException}s in plain words. Remembers the latest rate-limit headers.
 */
public final class OmnideskConnection {

    /** What {@code omnidesk.base-url} must look like (the same rule as the start-up check). */
    static final Pattern BASE_URL = Pattern.compile("https?://[^/?#\\s]+/?");

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final String baseUrl;
    private final String authorization;
    private final Duration responseTimeout;
    private final HttpClient http;
    private volatile RateLimit lastRateLimit;

    /**
     * @throws IllegalArgumentException when {@code baseUrl} does not look like {@code https://acme.omnidesk.ru}
     */
    public OmnideskConnection(String baseUrl, String staffEmail, String apiKey, Duration connectTimeout,
            Duration responseTimeout) {
        if (baseUrl == null || !BASE_URL.matcher(baseUrl.strip()).matches()) {
            throw new IllegalArgumentException("omnidesk.base-url must look like https://acme.omnidesk.ru");
        }
        this.baseUrl = stripSlash(baseUrl.strip());
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((staffEmail + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.responseTimeout = responseTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** From {@code omnidesk.base-url}, {@code omnidesk.staff-email}, {@code omnidesk.api-key} and the timeouts. */
    public static OmnideskConnection from(SettingValues settings) {
        return new OmnideskConnection(settings.get("omnidesk.base-url"), settings.get("omnidesk.staff-email"),
                settings.get("omnidesk.api-key"),
                Duration.ofMillis(settings.millis("omnidesk.connect-timeout-ms", 5000)),
                Duration.ofMillis(settings.millis("omnidesk.response-timeout-ms", 15000)));
    }

    /** The one rule for omnidesk.base-url: just the account's address, like https://acme.omnidesk.ru. */
    public static boolean looksValid(String baseUrl) {
        return BASE_URL.matcher(baseUrl).matches();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The rate-limit headers of the latest answer, if it had them. */
    public Optional<RateLimit> rateLimit() {
        return Optional.ofNullable(lastRateLimit);
    }

    /** {@code GET {base}{path}?{query}}; the parsed JSON body of a 2xx answer. */
    public JsonNode get(String path, String query) throws AccountReadException {
        URI uri = URI.create(baseUrl + path + (query == null || query.isEmpty() ? "" : "?" + query));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(responseTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AccountReadException(AccountReadException.Problem.UNREACHABLE, 0,
                    "cannot reach Omnidesk at " + baseUrl + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountReadException(AccountReadException.Problem.UNREACHABLE, 0,
                    "interrupted while calling Omnidesk at " + baseUrl);
        }
        RateLimit.from(response.headers()).ifPresent(limit -> lastRateLimit = limit);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(path, status, response.body());
        }
        throw failure(path, response);
    }

    private AccountReadException failure(String path, HttpResponse<String> response) {
        int status = response.statusCode();
        String where = baseUrl + path;
        if (status == 401) {
            return new AccountReadException(AccountReadException.Problem.CREDENTIALS_REJECTED, status,
                    "Omnidesk rejected the credentials (HTTP 401)");
        }
        if (status == 403) {
            return new AccountReadException(AccountReadException.Problem.FORBIDDEN, status,
                    "Omnidesk refused " + path + " (HTTP 403): the API user is not allowed to read it");
        }
        if (status == 404) {
            return new AccountReadException(AccountReadException.Problem.NOT_FOUND, status,
                    where + " does not exist (HTTP 404): omnidesk.base-url must be the account's address, "
                            + "like https://acme.omnidesk.ru");
        }
        if (status == 429) {
            String retry = response.headers().firstValue("retry_after")
                    .or(() -> response.headers().firstValue("Retry-After")).orElse("").strip();
            return new AccountReadException(AccountReadException.Problem.RATE_LIMITED, status,
                    "the account's API rate limit is used up for this minute (HTTP 429)"
                            + (retry.matches("\\d{1,6}") ? "; calls are allowed again in " + retry + " s" : ""));
        }
        if (status >= 500) {
            return new AccountReadException(AccountReadException.Problem.SERVER_ERROR, status,
                    "Omnidesk answered HTTP " + status + " for " + path + ", a fault on its side; try again later");
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").map(OmnideskConnection::origin).orElse("");
            return new AccountReadException(AccountReadException.Problem.UNEXPECTED, status,
                    where + " redirects (HTTP " + status + ")"
                            + (location.isEmpty() ? "" : " to " + location + ": set omnidesk.base-url to that address"));
        }
        String error = OmnideskResponses.errorCode(response.body().getBytes(StandardCharsets.UTF_8));
        return new AccountReadException(AccountReadException.Problem.UNEXPECTED, status,
                "Omnidesk answered HTTP " + status + " for " + path + (error.isEmpty() ? "" : " (" + error + ")"));
    }

    private JsonNode parse(String path, int status, String body) throws AccountReadException {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null && root.isContainerNode()) {
                return root;
            }
        } catch (IOException notJson) {
            // reported below
        }
        throw new AccountReadException(AccountReadException.Problem.UNEXPECTED, status,
                baseUrl + path + " did not answer with Omnidesk's JSON: omnidesk.base-url must be the account's "
                        + "address, like https://acme.omnidesk.ru");
    }

    /** Why a call got no HTTP answer, in plain words. */
    static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within the connect timeout (omnidesk.connect-timeout-ms)";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within the response timeout (omnidesk.response-timeout-ms)";
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "the host name is unknown (check omnidesk.base-url)";
            }
            if (t instanceof SSLException) {
                return "the TLS handshake failed (" + t.getMessage() + ")";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "the connection was refused (is the address right? is a proxy or firewall in the way?)";
            }
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Scheme, host and port of a URL, so that a redirect target is shown without its path or query. */
    private static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            return uri.getScheme() == null || uri.getHost() == null ? ""
                    : uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
