package dev.omnibridge.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a {@link SandboxOmnidesk} starts. Build with {@link #builder()}; {@link #defaults()} suits a local try-out.
 *
 * @param host                    interface to listen on
 * @param port                    port to listen on, 0 picks a free one
 * @param apiKey                  API key (Basic auth password); null generates a random one at start
 * @param staffEmail              e-mail of the bot staff member, the Basic auth user
 * @param rateLimitPerWindow      account-wide API budget per window (reads cost 1, writes 2)
 * @param rateWindow              length of the fixed rate window; Omnidesk's is one minute, tests shorten it
 * @param autoBotLabel            new customer cases get the bot label, as a real account's routing rule would do
 * @param fireUpdatedRuleOnCreate case creation fires the updated-case rule too, as real Omnidesk may
 * @param notePaths               accepted file names of the note endpoint (sources disagree: note.json / notes.json)
 * @param maxBodyBytes            request body limit for the whole HTTP server
 * @param webhookTimeout          connect and read timeout of rule webhook deliveries
 * @param webhookUrl              initial rule webhook URL; null leaves rules disabled until set
 * @param telegramToken           the sandbox Telegram bot's token ({@code <digits>:<letters>}); null generates one
 */
public record SandboxSettings(
        String host,
        int port,
        String apiKey,
        String staffEmail,
        int rateLimitPerWindow,
        Duration rateWindow,
        boolean autoBotLabel,
        boolean fireUpdatedRuleOnCreate,
        Set<String> notePaths,
        int maxBodyBytes,
        Duration webhookTimeout,
        String webhookUrl,
        String telegramToken) {

    public static final String DEFAULT_STAFF_EMAIL = "bot@sandbox.omnidesk.local";
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\d{1,18}:[A-Za-z0-9_-]+");

    public SandboxSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(staffEmail, "staffEmail");
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(webhookTimeout, "webhookTimeout");
        notePaths = Set.copyOf(notePaths);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (rateLimitPerWindow < 0) {
            throw new IllegalArgumentException("rateLimitPerWindow must not be negative");
        }
        if (rateWindow.isZero() || rateWindow.isNegative()) {
            throw new IllegalArgumentException("rateWindow must be positive");
        }
        if (webhookTimeout.isZero() || webhookTimeout.isNegative()) {
            throw new IllegalArgumentException("webhookTimeout must be positive");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (notePaths.isEmpty()) {
            throw new IllegalArgumentException("at least one note path is needed");
        }
        if (telegramToken != null && !TELEGRAM_TOKEN.matcher(telegramToken).matches()) {
            throw new IllegalArgumentException("a Telegram bot token looks like 123456:ABC-def_ghi");
        }
    }

    public static SandboxSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .host(host).port(port).apiKey(apiKey).staffEmail(staffEmail)
                .rateLimitPerWindow(rateLimitPerWindow).rateWindow(rateWindow)
                .autoBotLabel(autoBotLabel).fireUpdatedRuleOnCreate(fireUpdatedRuleOnCreate)
                .notePaths(notePaths.toArray(String[]::new)).maxBodyBytes(maxBodyBytes)
                .webhookTimeout(webhookTimeout).webhookUrl(webhookUrl).telegramToken(telegramToken);
    }

    /** Mutable builder; every setter returns {@code this}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String apiKey;
        private String staffEmail = DEFAULT_STAFF_EMAIL;
        private int rateLimitPerWindow = 1000;
        private Duration rateWindow = Duration.ofSeconds(60);
        private boolean autoBotLabel = true;
        private boolean fireUpdatedRuleOnCreate = true;
        private Set<String> notePaths = Set.of("note.json", "notes.json");
        private int maxBodyBytes = 1024 * 1024;
        private Duration webhookTimeout = Duration.ofSeconds(5);
        private String webhookUrl;
        private String telegramToken;

        private Builder() {
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        public Builder staffEmail(String value) {
            this.staffEmail = value;
            return this;
        }

        public Builder rateLimitPerWindow(int value) {
            this.rateLimitPerWindow = value;
            return this;
        }

        public Builder rateWindow(Duration value) {
            this.rateWindow = value;
            return this;
        }

        public Builder autoBotLabel(boolean value) {
            this.autoBotLabel = value;
            return this;
        }

        public Builder fireUpdatedRuleOnCreate(boolean value) {
            this.fireUpdatedRuleOnCreate = value;
            return this;
        }

        /** File names the note endpoint answers to, e.g. {@code "note.json"}; others get 404 like an unknown path. */
        public Builder notePaths(String... values) {
            this.notePaths = Set.of(values);
            return this;
        }

        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        public Builder webhookTimeout(Duration value) {
            this.webhookTimeout = value;
            return this;
        }

        public Builder webhookUrl(String value) {
            this.webhookUrl = value;
            return this;
        }

        /** The bot token the sandbox Telegram accepts; null (the default) generates a random one at start. */
        public Builder telegramToken(String value) {
            this.telegramToken = value;
            return this;
        }

        public SandboxSettings build() {
            return new SandboxSettings(host, port, apiKey, staffEmail, rateLimitPerWindow, rateWindow,
                    autoBotLabel, fireUpdatedRuleOnCreate, notePaths, maxBodyBytes, webhookTimeout, webhookUrl,
                    telegramToken);
        }
    }
}
