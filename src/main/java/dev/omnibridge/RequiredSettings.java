package dev.omnibridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.spi.PropertiesComponent;

/** The settings without which the bridge cannot talk to Omnidesk safely. */
final class RequiredSettings {

    static final List<String> MANDATORY = List.of(
            "omnidesk.base-url",
            "omnidesk.staff-email",
            "omnidesk.api-key",
            "omnidesk.bot-staff-id",
            "omnidesk.bot-label-id",
            "webhook.secret");

    static final java.util.Map<String, String> NAME_ALTERNATIVES = java.util.Map.of(
            "omnidesk.bot-staff-id", " (or set omnidesk.bot-staff-email)",
            "omnidesk.bot-label-id", " (or set omnidesk.bot-label-name)");

    static final List<String> NUMERIC = List.of(
            "omnidesk.bot-staff-id",
            "omnidesk.bot-label-id",
            "omnidesk.operator-label-id",
            "omnidesk.operator-group-id",
            "omnidesk.operator-staff-id");

    /** A secret that short is guessable by brute force through the webhook URL. */
    static final int MIN_SECRET_LENGTH = 16;

    private RequiredSettings() {}

    static void check(PropertiesComponent properties) {
        List<String> problems = new ArrayList<>();
        for (String key : MANDATORY) {
            if (Settings.value(properties, key).isEmpty()) {
                problems.add(key + " (" + envName(key) + ") is missing" + NAME_ALTERNATIVES.getOrDefault(key, ""));
            }
        }
        for (String key : NUMERIC) {
            String value = Settings.value(properties, key);
            if (!value.isEmpty() && !value.matches("\\d{1,18}")) {
                problems.add(key + " (" + envName(key) + ") must be a numeric Omnidesk id");
            }
        }
        String baseUrl = Settings.value(properties, "omnidesk.base-url");
        if (!baseUrl.isEmpty() && !baseUrl.matches("https?://[^/?#\\s]+/?")) {
            problems.add("omnidesk.base-url (OMNIDESK_BASE_URL) must look like https://acme.omnidesk.ru");
        }
        String secret = Settings.value(properties, "webhook.secret");
        if (!secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
            problems.add("webhook.secret (WEBHOOK_SECRET) must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        if (!problems.isEmpty()) {
            throw new MissingSettingsException("Cannot start: " + String.join("; ", problems)
                    + ". Set them in application.properties or the environment, or run in sandbox mode.");
        }
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
