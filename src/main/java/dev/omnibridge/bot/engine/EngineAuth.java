package dev.omnibridge.bot.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How the bridge proves itself to a bot engine: nothing, a token in a header ({@code Authorization: Token abc},
 * {@code X-Api-Key: abc}), or HTTP Basic. Holds secrets, so {@link #toString()} and {@link #describe()} never show
 * them.
 */
public final class EngineAuth {

    public static final EngineAuth NONE = new EngineAuth(null, null, "no authentication");

    private final String header;
    private final String value;
    private final String description;

    private EngineAuth(String header, String value, String description) {
        this.header = header;
        this.value = value;
        this.description = description;
    }

    /**
     * @param prefix the scheme before the token ("Token", "Bearer"); blank sends the bare token. A trailing space
     *               is not needed (properties files and environments tend to lose it).
     */
    public static EngineAuth token(String header, String prefix, String token) {
        require(header, "the token header name");
        require(token, "the token");
        if (!header.strip().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("'" + header + "' is not a valid HTTP header name");
        }
        if (token.strip().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the token contains control characters");
        }
        String scheme = prefix == null ? "" : prefix.strip();
        String value = scheme.isEmpty() ? token.strip() : scheme + " " + token.strip();
        return new EngineAuth(header.strip(), value, "token in the " + header.strip() + " header");
    }

    public static EngineAuth basic(String username, String password) {
        require(username, "the user name");
        String pair = username + ":" + (password == null ? "" : password);
        return new EngineAuth("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)), "HTTP Basic");
    }

    /**
     * Picks the scheme from settings where any of them may be blank.
     *
     * @throws IllegalArgumentException when both a token and a user name are set (one of them would be ignored)
     */
    public static EngineAuth of(String token, String header, String prefix, String username, String password) {
        boolean hasToken = token != null && !token.isBlank();
        boolean hasUser = username != null && !username.isBlank();
        if (hasToken && hasUser) {
            throw new IllegalArgumentException(
                    "set either bot.http.token or bot.http.username/bot.http.password, not both");
        }
        if (hasToken) {
            return token(header == null || header.isBlank() ? "Authorization" : header, prefix, token);
        }
        return hasUser ? basic(username, password) : NONE;
    }

    /** The request header that carries the credentials; {@code null} for no authentication. */
    public String header() {
        return header;
    }

    /**
     * The header's value: the secret itself, for the engine call only (routes/bot-engine.yaml puts it in the request
     * header; nothing logs it).
     */
    public String value() {
        return value;
    }

    /** For logs: the scheme, never the secret. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "EngineAuth[" + description + "]";
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }
}
