package dev.omnibridge.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account of a sandbox Omnidesk running on this machine ({@code java -jar bridge.jar sandbox}), read from its
 * {@code GET /sandbox} page, as the settings a bridge in sandbox mode uses: so that {@code check --sandbox} checks
 * exactly what that bridge runs with, and a newcomer sees a green check before touching a real account. Variant 2's
 * channel key and Telegram token are taken when the page shows them.
 */
public final class RunningSandbox {

    /** The rule URL the sandbox posts to: the bridge's address and its webhook secret. */
    private static final Pattern WEBHOOK_URL = Pattern.compile("(https?://[^/]+)/webhooks/omnidesk/([^/?#]+).*");

    private RunningSandbox() {}

    /**
     * Reads the sandbox at {@code http://host:port/sandbox}.
     *
     * @throws IllegalStateException with a one-line reason when no sandbox answers there
     */
    public static Map<String, String> settings(String host, int port) {
        String page = "http://" + host + ":" + port + "/sandbox";
        JsonNode about;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(page))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            about = response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : null;
        } catch (IOException e) {
            about = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            about = null;
        }
        if (about == null || !about.hasNonNull("api_key")) {
            throw new IllegalStateException("no sandbox Omnidesk answers at " + page + " — start one with: "
                    + "java -jar bridge.jar sandbox (or give its port with --sandbox.port=...)");
        }
        return settings(about);
    }

    /** The settings a bridge in sandbox mode gets from the sandbox's overview page. */
    static Map<String, String> settings(JsonNode about) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("omnidesk.base-url", about.path("base_url").asText());
        settings.put("omnidesk.staff-email", about.path("staff_email").asText());
        settings.put("omnidesk.api-key", about.path("api_key").asText());
        settings.put("omnidesk.bot-staff-id", about.path("bot_staff_id").asText());
        settings.put("omnidesk.bot-label-id", about.path("bot_label_id").asText());
        settings.put("omnidesk.operator-group-id", about.path("operator_group_id").asText());
        Matcher rule = WEBHOOK_URL.matcher(about.path("webhook_url").asText(""));
        if (rule.matches()) {
            settings.put("bridge.public-url", rule.group(1));
            settings.put("webhook.secret", rule.group(2));
        }
        customChannel(about).ifPresent(key -> settings.put("omnidesk.custom-channel", key));
        String token = about.path("telegram_token").asText("").strip();
        if (!token.isEmpty()) {
            settings.put("telegram.token", token);
        }
        // A bridge runs Variant 2 on the sandbox when the sandbox's channel posts to it: then check it too.
        if (channelAttached(about)) {
            settings.put("telegram.enabled", "true");
        }
        return settings;
    }

    /** True when a custom channel of the sandbox has a URL: a bridge in sandbox mode set it (sandbox.telegram). */
    private static boolean channelAttached(JsonNode about) {
        for (JsonNode channel : about.path("custom_channels")) {
            if (!channel.path("webhook_url").asText("").isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** The page's {@code custom_channel}; without it, the key of the sandbox's only custom channel. */
    private static Optional<String> customChannel(JsonNode about) {
        String key = about.path("custom_channel").asText("").strip();
        if (!key.isEmpty()) {
            return Optional.of(key);
        }
        JsonNode channels = about.path("custom_channels");
        String only = channels.isArray() && channels.size() == 1 ? channels.get(0).path("channel_api_key").asText("").strip() : "";
        return only.isEmpty() ? Optional.empty() : Optional.of(only);
    }
}
