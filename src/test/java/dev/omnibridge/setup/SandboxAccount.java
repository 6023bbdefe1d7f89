package dev.omnibridge.setup;

import dev.omnibridge.sandbox.SandboxOmnidesk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings that point the setup tools at a sandbox Omnidesk, and a way to add labels to it over its API. */
final class SandboxAccount {

    static final String SECRET = "setup-test-secret-0123456789";

    private SandboxAccount() {}

    /** Connection settings plus a valid secret and public URL; every name/id setting left empty. */
    static Map<String, String> settings(SandboxOmnidesk sandbox) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("omnidesk.base-url", sandbox.baseUrl());
        settings.put("omnidesk.staff-email", sandbox.staffEmail());
        settings.put("omnidesk.api-key", sandbox.apiKey());
        settings.put("omnidesk.connect-timeout-ms", "2000");
        settings.put("omnidesk.response-timeout-ms", "5000");
        settings.put("webhook.secret", SECRET);
        settings.put("bridge.public-url", "https://bot.example.com");
        return settings;
    }

    /** Everything configured by name, as an administrator who never looked up an id would. */
    static Map<String, String> byNames(SandboxOmnidesk sandbox) {
        Map<String, String> settings = settings(sandbox);
        settings.put("omnidesk.bot-staff-email", sandbox.staffEmail().toUpperCase(java.util.Locale.ROOT));
        settings.put("omnidesk.bot-label-name", "BOT");
        settings.put("omnidesk.operator-group-name", " support ");
        settings.put("omnidesk.operator-label-name", "Operator");
        settings.put("omnidesk.operator-staff-email", "anna   operator");
        settings.put("omnidesk.operator-label-id", "0");
        settings.put("omnidesk.operator-group-id", "0");
        settings.put("omnidesk.operator-staff-id", "0");
        return settings;
    }

    static void createLabel(SandboxOmnidesk sandbox, String title) {
        String auth = Base64.getEncoder().encodeToString(
                (sandbox.staffEmail() + ":" + sandbox.apiKey()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/labels.json"))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":{\"label_title\":\"" + title + "\"}}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("label not created: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
