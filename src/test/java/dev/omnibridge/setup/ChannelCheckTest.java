package dev.omnibridge.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.omnibridge.sandbox.RecordedCall;
import dev.omnibridge.sandbox.SandboxExtension;
import dev.omnibridge.setup.AccountCheck.Line;
import dev.omnibridge.setup.AccountCheck.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code check} with Variant 2 on (telegram.enabled=true): the custom channel and the Telegram token. */
class ChannelCheckTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private static final String TOKEN = "123456789:AAFakeTokenForTheSetupTests_0123456";
    private static final String CHANNEL_URL =
            "https://bot.example.com/webhooks/omnidesk-channel/" + SandboxAccount.SECRET;
    private static final String SHOWN_URL = "https://bot.example.com/webhooks/omnidesk-channel/<webhook.secret>";

    private record Run(int exitCode, String output) {}

    private static Run check(Map<String, String> settings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = AccountCheck.run(SettingValues.of(settings), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> telegram() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("telegram.enabled", "true");
        settings.put("telegram.token", TOKEN);
        settings.put("omnidesk.custom-channel", "cch1");
        return settings;
    }

    private static long channelReads() {
        return sandbox.get().apiCalls().stream().map(RecordedCall::path)
                .filter("/api/custom_channels.json"::equals).count();
    }

    @Test
    void theRightChannelWithTheBridgesUrlPasses() {
        sandbox.get().setChannelWebhookUrl(CHANNEL_URL);

        Run run = check(telegram());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("[ OK ] custom channel: \"Telegram bot\" cch1 (id 1), active, posts operator replies to "
                        + SHOWN_URL + "\n")
                .contains("[ OK ] telegram token: set (" + TOKEN.length() + " characters, not tried: check does not "
                        + "call Telegram)")
                .contains("All checks passed.")
                .doesNotContain(SandboxAccount.SECRET, TOKEN, sandbox.get().apiKey());
        assertThat(channelReads()).isEqualTo(1);
        // The rate line still counts every call of the check, the channel list included.
        assertThat(run.output().lines().toList().get(2)).isEqualTo("[ OK ] rate limit: 1000 requests/minute, 996 left");
    }

    @Test
    void anUnknownKeyFailsAndListsTheChannels() {
        sandbox.get().setChannelWebhookUrl(CHANNEL_URL);
        Map<String, String> settings = telegram();
        settings.put("omnidesk.custom-channel", "cch9");

        Run run = check(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("[FAIL] custom channel cch9 (omnidesk.custom-channel) not found — create it "
                + "(admin → Channels → Custom channel) or set omnidesk.custom-channel to the key of an existing one; "
                + "custom channels: \"Telegram bot\" cch1 (id 1)\n");
    }

    @Test
    void anEmptyKeyFailsAndListsTheChannels() {
        Map<String, String> settings = telegram();
        settings.put("omnidesk.custom-channel", " ");

        Run run = check(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("[FAIL] omnidesk.custom-channel (OMNIDESK_CUSTOM_CHANNEL) is not set — the "
                + "key of the custom channel the bridge opens its cases in, like cch12 (admin → Channels → Custom "
                + "channel); custom channels: \"Telegram bot\" cch1 (id 1)\n");
    }

    @Test
    void aChannelPostingElsewhereIsAWarningThatShowsNoSecret() {
        sandbox.get().setChannelWebhookUrl("https://old.example.com/webhooks/omnidesk-channel/old-secret-0123456789");

        Run run = check(telegram());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("[WARN] custom channel: \"Telegram bot\" cch1 (id 1) posts to "
                        + "https://old.example.com/webhooks/omnidesk-channel/<another secret> — set its URL to "
                        + SHOWN_URL + " (admin → Channels → Custom channel; 'setup' prints it), or operator replies "
                        + "never reach the bot\n")
                .doesNotContain("old-secret-0123456789", SandboxAccount.SECRET);
    }

    @Test
    void aChannelWithoutUrlOrWithTheRuleUrlIsAWarning() {
        Run none = check(telegram());
        sandbox.get().setChannelWebhookUrl(SetupGuide.webhookUrl("https://bot.example.com", SandboxAccount.SECRET));
        Run ruleUrl = check(telegram());

        assertThat(none.output()).contains("[WARN] custom channel: \"Telegram bot\" cch1 (id 1) has no URL — set its "
                + "URL to " + SHOWN_URL);
        assertThat(ruleUrl.output()).contains("[WARN] custom channel: \"Telegram bot\" cch1 (id 1) posts to "
                + "https://bot.example.com/webhooks/omnidesk/<webhook.secret>?case_id=[case_id] — set its URL to "
                + SHOWN_URL).doesNotContain(SandboxAccount.SECRET);
    }

    @Test
    void aMissingTokenFails() {
        sandbox.get().setChannelWebhookUrl(CHANNEL_URL);
        Map<String, String> settings = telegram();
        settings.remove("telegram.token");

        Run run = check(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("[FAIL] telegram.token (TELEGRAM_TOKEN) is missing — the bot's token from "
                + "@BotFather\n").contains("[ OK ] custom channel:");
    }

    @Test
    void withTelegramOffNothingAboutItIsReadOrPrinted() {
        Map<String, String> off = telegram();
        off.put("telegram.enabled", "false");
        off.remove("telegram.token");
        Map<String, String> unset = telegram();
        unset.remove("telegram.enabled");
        unset.put("omnidesk.custom-channel", "cch9");

        Run explicit = check(off);
        Run absent = check(unset);

        for (Run run : new Run[] {explicit, absent}) {
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).doesNotContainIgnoringCase("channel").doesNotContainIgnoringCase("telegram");
        }
        assertThat(channelReads()).isZero();
    }

    @Test
    void withoutConnectionSettingsTheKeyAndTokenAreStillChecked() {
        Map<String, String> settings = Map.of("telegram.enabled", "true");

        Run run = check(settings);

        assertThat(run.output())
                .contains("[FAIL] omnidesk.custom-channel (OMNIDESK_CUSTOM_CHANNEL) is not set — the key of the "
                        + "custom channel the bridge opens its cases in, like cch12 (admin → Channels → Custom "
                        + "channel)\n")
                .contains("[FAIL] telegram.token (TELEGRAM_TOKEN) is missing");
        assertThat(sandbox.get().apiCalls()).isEmpty();
    }

    @Test
    void anInactiveChannelFails() throws Exception {
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // As Omnidesk lists them: keyed, wrapped, PHP-style flags.
        byte[] page = """
                {"0": {"custom_channel": {"channel_id": 7, "channel_api_key": "cch7", "title": "Telegram bot",
                 "channel_type": "async", "webhook_url": "%s", "active": "0"}}, "total_count": 1}"""
                .formatted(CHANNEL_URL).getBytes(StandardCharsets.UTF_8);
        stub.createContext("/api/custom_channels.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        stub.start();
        try {
            OmnideskDirectory directory = new OmnideskDirectory(new OmnideskConnection(
                    "http://127.0.0.1:" + stub.getAddress().getPort(), "bot@example.com", "key", Duration.ofSeconds(2),
                    Duration.ofSeconds(5)));
            Map<String, String> settings = telegram();
            settings.put("omnidesk.custom-channel", "cch7");

            Line line = ChannelCheck.channel(SettingValues.of(settings), directory);

            assertThat(line.status()).isEqualTo(Status.FAIL);
            assertThat(line.render()).isEqualTo("[FAIL] custom channel: \"Telegram bot\" cch7 (id 7) is inactive — "
                    + "Omnidesk takes no cases in it; activate it (admin → Channels → Custom channel)");
        } finally {
            stub.stop(0);
        }
    }
}
