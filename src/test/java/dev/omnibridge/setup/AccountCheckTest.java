package dev.omnibridge.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.RunningBridge;
import dev.omnibridge.sandbox.SandboxExtension;
import dev.omnibridge.sandbox.SandboxOmnidesk;
import dev.omnibridge.sandbox.SandboxSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code check} command against a real sandbox Omnidesk over HTTP. */
class AccountCheckTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults();

    private record Run(int exitCode, String output) {}

    private static Run check(Map<String, String> settings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = AccountCheck.run(SettingValues.of(settings), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void correctCredentialsAndNamesResolveEveryIdAndPass() {
        try (SandboxOmnidesk fresh = SandboxOmnidesk.start(SandboxSettings.defaults())) {
            correctCredentialsAndNamesResolveEveryIdAndPass(fresh);
        }
    }

    private static void correctCredentialsAndNamesResolveEveryIdAndPass(SandboxOmnidesk sandbox) {
        Run run = check(SandboxAccount.byNames(sandbox));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("Omnidesk account check — " + sandbox.baseUrl() + "\n")
                .contains("[ OK ] credentials: API user " + sandbox.staffEmail() + " accepted")
                .contains("[ OK ] bot staff member: \"Bot\" <" + sandbox.staffEmail() + "> (id 1001), found by "
                        + "omnidesk.bot-staff-email — or set omnidesk.bot-staff-id=1001")
                .contains("[ OK ] bot label: \"bot\" (id 200), found by omnidesk.bot-label-name — or set "
                        + "omnidesk.bot-label-id=200")
                .contains("[ OK ] operator group: \"Support\" (id 10)")
                .contains("[ OK ] operator label: \"operator\" (id 201)")
                .contains("[ OK ] operator staff member: \"Anna Operator\" <anna@sandbox.omnidesk.local> (id 1002)")
                .contains("[ OK ] webhook secret: set")
                .contains("All checks passed.")
                .doesNotContain("[FAIL]", "[WARN]", sandbox.apiKey(), SandboxAccount.SECRET);
        // The rate line comes right after the credentials and counts this check's own calls (staff, labels, groups).
        assertThat(run.output().lines().toList().get(2)).isEqualTo("[ OK ] rate limit: 1000 requests/minute, 997 left");
    }

    @Test
    void aSharedBudgetChecksThatRedisAnswersAndNeverShowsItsPassword() throws Exception {
        try (dev.omnibridge.RedisProcess redis = dev.omnibridge.RedisProcess.start()) {
            Map<String, String> settings = SandboxAccount.settings(sandbox.get());
            settings.put("budget.store", "redis");
            settings.put("redis.url", redis.url());
            Run up = check(settings);
            assertThat(up.output()).contains("[ OK ] shared budget: Redis at 127.0.0.1:" + redis.port() + " answers\n");

            redis.stop();
            settings.put("redis.url", "redis://:s3cret-redis-pw@127.0.0.1:" + redis.port() + "/0");
            Run down = check(settings);
            assertThat(down.exitCode()).isEqualTo(1);
            assertThat(down.output()).contains("[FAIL] shared budget: Redis at 127.0.0.1:" + redis.port()
                    + " unreachable (").doesNotContain("s3cret-redis-pw");

            settings.remove("redis.url");
            assertThat(check(settings).output()).contains("[FAIL] shared budget: budget.store=redis but redis.url "
                    + "(REDIS_URL) is not set");
        }
    }

    @Test
    void theClusterIntakeChecksThatTheBrokersAnswerAndWhatTheTopicHas() throws Exception {
        Map<String, String> settings = SandboxAccount.settings(sandbox.get());
        settings.put("bridge.intake", "kafka");
        try (dev.omnibridge.KafkaBroker kafka = dev.omnibridge.KafkaBroker.start()) {
            settings.put("kafka.brokers", kafka.bootstrapServers());
            settings.put("kafka.topic", "checked-intake");
            settings.put("kafka.partitions", "12");
            assertThat(check(settings).output()).contains("[ OK ] cluster intake: Kafka at " + kafka.bootstrapServers()
                    + " answers: 1 broker(s); topic checked-intake does not exist yet (made with 12 partitions at start)");
            try (var admin = kafka.admin()) {
                admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic("checked-intake", 4,
                        (short) 1))).all().get();
            }
            assertThat(check(settings).output()).contains("topic checked-intake has 4 partition(s) (kafka.partitions"
                    + " says 12)");
        }
        // the broker is gone
        Run down = check(settings);
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.output()).contains("[FAIL] cluster intake: Kafka at " + settings.get("kafka.brokers")
                + " unreachable (");
        settings.remove("kafka.brokers");
        assertThat(check(settings).output()).contains("[FAIL] cluster intake: bridge.intake=kafka but kafka.brokers "
                + "(KAFKA_BROKERS) is not set");
    }

    @Test
    void idsAreVerifiedAgainstTheAccount() {
        Map<String, String> settings = SandboxAccount.settings(sandbox.get());
        settings.put("omnidesk.bot-staff-id", "1001");
        settings.put("omnidesk.bot-label-id", "999");

        Run run = check(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .contains("[ OK ] bot staff member: \"Bot\" <" + sandbox.get().staffEmail() + "> (id 1001)\n")
                .contains("[FAIL] bot label: no label has id 999 (omnidesk.bot-label-id) — fix the id, or empty it "
                        + "and set omnidesk.bot-label-name; labels: \"bot\" (id 200), \"operator\" (id 201)")
                .contains("[ OK ] operator group: not set (optional)");
    }

    @Test
    void wrongApiKeyFailsTheCredentialsInPlainWords() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.api-key", "wrong-key-value-42");

        Run run = check(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .contains("[FAIL] credentials rejected: check omnidesk.staff-email and omnidesk.api-key "
                        + "(admin → Settings → API)")
                .doesNotContain("wrong-key-value-42", sandbox.get().apiKey(), "bot label", "[ OK ] credentials");
    }

    @Test
    void unknownLabelNameFailsWithAdvice() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.bot-label-name", "chatbot");

        Run run = check(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("[FAIL] bot label \"chatbot\" not found — create a label named \"chatbot\" "
                + "(admin → Labels) or fix omnidesk.bot-label-name; labels: \"bot\" (id 200), \"operator\" (id 201)");
        assertThat(run.output()).contains("[ OK ] bot staff member:", "[ OK ] operator group:");
    }

    @Test
    void unconfiguredBotSettingsFailWithTheValuesToSet() {
        Run run = check(SandboxAccount.settings(sandbox.get()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .contains("[FAIL] bot staff member not configured — set omnidesk.bot-staff-email="
                        + sandbox.get().staffEmail() + " (the API user, \"Bot\" <" + sandbox.get().staffEmail()
                        + "> (id 1001))")
                .contains("[FAIL] bot label not configured — set omnidesk.bot-label-name=bot (\"bot\" (id 200))")
                .contains("[ OK ] operator group: not set (optional) — set omnidesk.operator-group-name to move "
                        + "handed-off cases into a group; groups: \"Support\" (id 10), \"Bot\" (id 11)");
    }

    @Test
    void theOperatorLabelMustNotBeTheBotLabel() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.operator-label-name", "bot");

        Run run = check(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("[FAIL] the operator label is the bot label \"bot\" (id 200)");
    }

    @Test
    void anIdAndANameThatDisagreeAreAWarning() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.operator-group-id", "11");

        Run run = check(settings);

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("[WARN] operator group: \"Bot\" (id 11) from omnidesk.operator-group-id, "
                + "but omnidesk.operator-group-name says \"support\"; the id wins");
    }

    @Test
    void missingConnectionSettingsAreNamedWithoutCallingAnything() {
        int callsBefore = sandbox.get().apiCalls().size();

        Run run = check(Map.of());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .contains("Omnidesk account check — (no omnidesk.base-url)")
                .contains("[FAIL] omnidesk.base-url (OMNIDESK_BASE_URL) is not set")
                .contains("[FAIL] omnidesk.staff-email (OMNIDESK_STAFF_EMAIL) is not set")
                .contains("[FAIL] omnidesk.api-key (OMNIDESK_API_KEY) is not set — the account's API key "
                        + "(admin → Settings → API)")
                .contains("[FAIL] webhook.secret (WEBHOOK_SECRET) is not set")
                .contains("[WARN] bridge.public-url (BRIDGE_PUBLIC_URL) is not set");
        assertThat(sandbox.get().apiCalls()).hasSize(callsBefore);
    }

    @Test
    void anUnreachableOmnideskIsReportedInPlainWords() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.base-url", "http://127.0.0.1:" + RunningBridge.freePort());

        Run run = check(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("[FAIL] credentials could not be checked: cannot reach Omnidesk at "
                + settings.get("omnidesk.base-url") + ": the connection was refused");
    }

    @Test
    void aSmallRateLimitIsAWarning() {
        try (SandboxOmnidesk basic = SandboxOmnidesk.start(SandboxSettings.builder().rateLimitPerWindow(20).build())) {
            Run run = check(SandboxAccount.byNames(basic));

            assertThat(run.exitCode()).isZero();
            assertThat(run.output()).contains("[WARN] rate limit: 20 requests/minute, 17 left — a small budget");
        }
    }

    @Test
    void localSettingsThatBreakTheRuleUrlFail() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("webhook.secret", "tiny-sekret");
        settings.put("bridge.public-url", "http://bot.example.com/");

        Run run = check(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .contains("[FAIL] webhook.secret is too short (11 characters, at least 16)")
                .contains("[WARN] public URL http://bot.example.com is plain http")
                .doesNotContain("tiny-sekret");
    }
}
