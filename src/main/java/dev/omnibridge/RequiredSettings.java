package dev.omnibridge;

import dev.omnibridge.omnidesk.OmnideskBudget;
import dev.omnibridge.setup.MissingSettingsException;
import dev.omnibridge.setup.NameResolution;
import dev.omnibridge.setup.OmnideskConnection;
import dev.omnibridge.setup.SettingValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
            if (SettingValues.of(properties).get(key).isEmpty()) {
                problems.add(key + " (" + envName(key) + ") is missing" + nameAlternative(properties, key));
            }
        }
        for (String key : NUMERIC) {
            String value = SettingValues.of(properties).get(key);
            if (!value.isEmpty() && !value.matches("\\d{1,18}")) {
                // A name put into the id setting ("bot") is the usual cause: point at the setting that takes names.
                String byName = nameKey(key).map(name -> " — or remove it and set " + SettingValues.named(name))
                        .orElse("");
                problems.add(key + " (" + envName(key) + ") must be a numeric Omnidesk id" + byName);
            }
        }
        String baseUrl = SettingValues.of(properties).get("omnidesk.base-url");
        if (!baseUrl.isEmpty() && !OmnideskConnection.looksValid(baseUrl)) {
            problems.add("omnidesk.base-url (OMNIDESK_BASE_URL) must look like https://acme.omnidesk.ru");
        }
        String secret = SettingValues.of(properties).get("webhook.secret");
        if (!secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
            problems.add("webhook.secret (WEBHOOK_SECRET) must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        problems.addAll(telegramProblems(properties));
        problems.addAll(budgetProblems(properties));
        problems.addAll(intakeProblems(properties));
        if (!problems.isEmpty()) {
            throw new MissingSettingsException("Cannot start: " + String.join("; ", problems)
                    + ". Set them in application.properties or the environment, or run in sandbox mode.");
        }
    }

    /** Where the Omnidesk budget is counted: budget.store=redis needs a Redis URL (never repeated: it may hold a password). */
    static List<String> budgetProblems(PropertiesComponent properties) {
        SettingValues values = SettingValues.of(properties);
        List<String> problems = new ArrayList<>();
        String store = values.get("budget.store").isEmpty() ? "local" : values.get("budget.store");
        if (!store.equals("local") && !store.equals("redis")) {
            problems.add("budget.store (BUDGET_STORE) must be local or redis, not '" + store + "'");
        } else if (store.equals("redis")) {
            String url = values.get("redis.url");
            if (url.isEmpty()) {
                problems.add("redis.url (REDIS_URL) is missing (budget.store=redis)");
            } else if (!url.matches("rediss?://.+") || !parses(url)) {
                // never the value itself: it may hold a password
                problems.add("redis.url (REDIS_URL) must look like redis://host:6379/0");
            }
            if (values.get("omnidesk.rate-window").equals("sliding")) {
                problems.add("omnidesk.rate-window=sliding is not supported with budget.store=redis (use minute)");
            }
        }
        return problems;
    }

    /** Where accepted webhooks wait: the file journal, or (cluster mode) a Kafka topic with its brokers. */
    static List<String> intakeProblems(PropertiesComponent properties) {
        SettingValues values = SettingValues.of(properties);
        List<String> problems = new ArrayList<>();
        String intake = values.get("bridge.intake").isEmpty() ? "file" : values.get("bridge.intake");
        if (!intake.equals("file") && !intake.equals("kafka")) {
            problems.add("bridge.intake (BRIDGE_INTAKE) must be file or kafka, not '" + intake + "'");
            return problems;
        }
        if (intake.equals("file")) {
            return problems;
        }
        if (values.get("kafka.brokers").isEmpty()) {
            problems.add("kafka.brokers (KAFKA_BROKERS) is missing (bridge.intake=kafka), like kafka:9092");
        }
        if (values.get("kafka.topic").isEmpty()) {
            problems.add("kafka.topic (KAFKA_TOPIC) is missing (bridge.intake=kafka)");
        }
        for (String key : List.of("kafka.partitions", "kafka.consumers")) {
            if (!values.get(key).matches("[1-9]\\d{0,3}")) {
                problems.add(key + " (" + envName(key) + ") must be a number from 1 to 9999");
            }
        }
        String session = values.get("kafka.session-timeout-ms");
        if (!session.matches("\\d{4,7}") || Long.parseLong(session) < 3000) {
            problems.add("kafka.session-timeout-ms (KAFKA_SESSION_TIMEOUT_MS) must be milliseconds, at least 3000"
                    + " (brokers accept 6000 and more by default)");
        }
        if (values.flag("telegram.enabled")) {
            problems.add("telegram.enabled=true needs bridge.intake=file: Variant 2's polling and chat states belong"
                    + " to one replica (README, \"Cluster mode\")");
        }
        return problems;
    }

    private static boolean parses(String redisUrl) {
        try {
            OmnideskBudget.redisWhere(redisUrl);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Variant 2 (telegram.enabled): the bot's token, the custom channel, and in webhook mode where and how to be called. */
    static List<String> telegramProblems(PropertiesComponent properties) {
        SettingValues values = SettingValues.of(properties);
        List<String> problems = new ArrayList<>();
        if (!values.flag("telegram.enabled")) {
            return problems;
        }
        for (String key : List.of("telegram.token", "omnidesk.custom-channel")) {
            if (values.get(key).isEmpty()) {
                problems.add(key + " (" + envName(key) + ") is missing (telegram.enabled=true)");
            }
        }
        String channel = values.get("omnidesk.custom-channel");
        if (!channel.isEmpty() && !channel.matches("cch\\d+")) {
            problems.add("omnidesk.custom-channel (OMNIDESK_CUSTOM_CHANNEL) must be the channel's key, like cch12");
        }
        String mode = values.get("telegram.mode");
        if (!mode.equals("polling") && !mode.equals("webhook")) {
            problems.add("telegram.mode (TELEGRAM_MODE) must be polling or webhook, not '" + mode + "'");
        }
        String mirror = values.get("telegram.mirror");
        if (!mirror.equals("escalation") && !mirror.equals("always")) {
            problems.add("telegram.mirror (TELEGRAM_MIRROR) must be escalation or always, not '" + mirror + "'");
        }
        if (mode.equals("webhook")) {
            if (!values.get("telegram.webhook-secret").matches("[A-Za-z0-9_-]{16,256}")) {
                problems.add("telegram.webhook-secret (TELEGRAM_WEBHOOK_SECRET) must be 16-256 of A-Z a-z 0-9 _ -"
                        + " in webhook mode");
            }
            String publicUrl = values.get("bridge.public-url");
            // Telegram calls only https; plain http is let through for a local Bot API server (tests, the sandbox).
            if (!publicUrl.startsWith("https://") && !publicUrl.matches("http://(127\\.0\\.0\\.1|localhost)(:\\d+)?(/.*)?")) {
                problems.add("bridge.public-url (BRIDGE_PUBLIC_URL) must be the bridge's https:// address in webhook"
                        + " mode (Telegram calls {bridge.public-url}/webhooks/telegram)");
            }
        }
        return problems;
    }

    /**
     * For an id that can also be given by name: which name setting to use, or — when that name is set but was not
     * looked up because the connection settings are missing or malformed (named in the same line) — that it waits
     * for them.
     */
    private static String nameAlternative(PropertiesComponent properties, String idKey) {
        return nameKey(idKey).map(name -> SettingValues.of(properties).get(name).isEmpty()
                ? " (or set " + name + ")"
                : " (" + name + " is set and is looked up once omnidesk.base-url, omnidesk.staff-email and"
                        + " omnidesk.api-key are valid)").orElse("");
    }

    /** The setting that gives this id by name ({@code omnidesk.bot-label-id} → {@code omnidesk.bot-label-name}). */
    static Optional<String> nameKey(String idKey) {
        return NameResolution.TARGETS.stream().filter(t -> t.idKey().equals(idKey))
                .map(NameResolution.Target::nameKey).findFirst();
    }

    static String envName(String key) {
        return SettingValues.envName(key);
    }
}
