package dev.omnibridge.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.sandbox.RuleTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code setup} command's guide: the seed's rule bodies verbatim and the exact URL. */
class SetupGuideTest {

    /**
     * The original guide's body for new cases, as published (its second copy lacks the final brace). Written out on
     * purpose, not taken from {@code RuleBodies}: this is where the product's body is held against the customer's text.
     */
    private static final String SEED_NEW_CASE = """
            {
            "event": "new_message",
            "message": {
                "kind": "visitor",
                "text": "[case_description]"
            },
            "visitor": {
                "id": "[user_id]",
                "fields": {
                    "email": "[user_email]",
                    "id": "[user_id]",
                    "name": "[user_full_name]",
                    "phone": "[user_phone]"
                }
            },
            "chat_id": [case_id]
            }""";

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("bridge.public-url", "https://bot.example.com/");
        settings.put("webhook.secret", SECRET);
        return settings;
    }

    private record Run(int exitCode, String output) {}

    private static Run setup(Map<String, String> settings, boolean mask) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = SetupGuide.run(SettingValues.of(settings), mask, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theBodiesAreTheSeedTemplatesVerbatim() {
        assertThat(SetupGuide.NEW_CASE_BODY).isEqualTo(SEED_NEW_CASE)
                .isEqualTo(RuleTemplate.NEW_CASE.template())
                .contains("\"chat_id\": [case_id]\n");
        assertThat(SetupGuide.UPDATED_CASE_BODY)
                .isEqualTo(SEED_NEW_CASE.replace("[case_description]", "[last_message]"))
                .isEqualTo(RuleTemplate.UPDATED_CASE.template());
    }

    @Test
    void printsBothRulesWithMethodUrlAndBodiesToCopy() {
        Run run = setup(settings(), false);
        String url = "https://bot.example.com/webhooks/omnidesk/" + SECRET + "?case_id=[case_id]";

        assertThat(run.exitCode()).isZero();
        String out = run.output();
        assertThat(out)
                .contains("-----8<-----\n" + SetupGuide.NEW_CASE_BODY + "\n-----8<-----\n")
                .contains("-----8<-----\n" + SetupGuide.UPDATED_CASE_BODY + "\n-----8<-----\n")
                .contains("\n    " + url + "\n")
                .contains("This URL is a credential")
                .contains("Rule for:    new cases", "Rule for:    updated cases")
                .contains("Labels include \"bot\" (the case has the bot label)")
                .contains("Channel is one of the channels the bot answers", "Group is the group from step 4")
                .contains("Add label \"bot\"")
                .contains("Bot staff member (admin → Staff)", "API key (admin → Settings → API)",
                        "Bot label (admin → Labels)", "Group (admin → Groups)")
                .doesNotContain("WARNING");
        assertThat(out.split("Method:  POST", -1)).hasSize(3);
        assertThat(out.split("URL:     " + java.util.regex.Pattern.quote(url), -1)).hasSize(3);
        // Rule 1 carries the new-case body, rule 2 the updated-case body.
        assertThat(out.indexOf("Rule 1: new cases")).isLessThan(out.indexOf("[case_description]"));
        assertThat(out.indexOf("Rule 2: updated cases")).isLessThan(out.indexOf("[last_message]"))
                .isGreaterThan(out.indexOf("[case_description]"));
    }

    @Test
    void usesTheConfiguredLabelName() {
        Map<String, String> settings = settings();
        settings.put("omnidesk.bot-label-name", "чат-бот");

        String out = setup(settings, false).output();

        assertThat(out).contains("Create the label \"чат-бот\"", "Labels include \"чат-бот\"", "Add label \"чат-бот\"");
    }

    @Test
    void maskHidesTheSecret() {
        Run run = setup(settings(), true);

        assertThat(run.exitCode()).isZero();
        assertThat(run.output())
                .contains("https://bot.example.com/webhooks/omnidesk/<webhook.secret>?case_id=[case_id]")
                .contains("The secret is masked")
                .doesNotContain(SECRET);
    }

    @Test
    void missingPublicUrlAndSecretGivePlaceholdersWarningsAndExitCode1() {
        Run run = setup(Map.of(), false);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .contains("<BRIDGE_PUBLIC_URL>/webhooks/omnidesk/<WEBHOOK_SECRET>?case_id=[case_id]")
                .contains("WARNING: bridge.public-url (BRIDGE_PUBLIC_URL) is not set")
                .contains("WARNING: webhook.secret (WEBHOOK_SECRET) is not set")
                .contains(SetupGuide.NEW_CASE_BODY, SetupGuide.UPDATED_CASE_BODY);
    }

    @Test
    void aSecretTheBridgeWouldRejectIsAWarning() {
        Map<String, String> settings = settings();
        settings.put("webhook.secret", "has/slash+plus=0123456789");

        Run run = setup(settings, false);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("WARNING: webhook.secret must be at least 16 letters, digits, '-' or '_'");
    }

    @Test
    void withTelegramPrintsTheCustomChannelItsUrlAndTheCaseClosedRule() {
        Map<String, String> settings = settings();
        settings.put("telegram.enabled", "true");
        String channelUrl = "https://bot.example.com/webhooks/omnidesk-channel/" + SECRET;

        Run run = setup(settings, false);

        assertThat(run.exitCode()).isZero();
        String out = run.output();
        assertThat(out)
                .contains("\nVariant 2 (Telegram)\n--------------------\n")
                .contains("\n    " + channelUrl + "\n")
                .contains("Custom channel (admin → Channels → Custom channel)", "the type async (like e-mail) is fine")
                .contains("omnidesk.custom-channel (OMNIDESK_CUSTOM_CHANNEL) to it (not set yet)")
                .contains("Rule 3: case closed (custom channel)", "Status changed to \"closed\"")
                .contains("URL:     " + channelUrl + "\n")
                .contains("-----8<-----\n" + SetupGuide.CASE_CLOSED_BODY + "\n-----8<-----\n");
        assertThat(out.split("Method:  POST", -1)).hasSize(4);
        assertThat(out.indexOf("Rule 3: case closed")).isGreaterThan(out.indexOf("Rule 2: updated cases"));
    }

    @Test
    void theCaseClosedBodyIsTheOneTheSandboxSends() {
        assertThat(SetupGuide.CASE_CLOSED_BODY)
                .isEqualTo("{\"type\": \"case_closed\", \"object\": {\"case_id\": [case_id], "
                        + "\"custom_user_id\": \"[user_custom_id]\"}}")
                .isEqualTo(RuleTemplate.CASE_CLOSED.template());
    }

    @Test
    void theChannelUrlIsMaskedAndNamesTheConfiguredKey() {
        Map<String, String> settings = settings();
        settings.put("telegram.enabled", "TRUE");
        settings.put("omnidesk.custom-channel", "cch12");

        Run run = setup(settings, true);

        assertThat(run.output())
                .contains("\n    https://bot.example.com/webhooks/omnidesk-channel/<webhook.secret>\n")
                .contains("The secret is masked, as above.", "(now cch12)")
                .doesNotContain(SECRET);
    }

    @Test
    void withoutTelegramThereIsNoChannelSection() {
        String out = setup(settings(), false).output();

        assertThat(out).doesNotContain("Variant 2", "omnidesk-channel", "case_closed", "Rule 3");
    }

    @Test
    void theUrlIsTheOneTheWebhookRouteListensOn() throws Exception {
        String route;
        try (var in = getClass().getResourceAsStream("/routes/webhook-intake.yaml")) {
            route = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(route).contains("uri: \"platform-http:/webhooks/omnidesk/{secret}\"", "${header.case_id}");
        assertThat(SetupGuide.webhookUrl("https://bot.example.com/", "s3cret"))
                .isEqualTo("https://bot.example.com/webhooks/omnidesk/s3cret?case_id=[case_id]");
    }
}
