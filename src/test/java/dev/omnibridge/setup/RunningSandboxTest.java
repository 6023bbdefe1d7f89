package dev.omnibridge.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.sandbox.SandboxExtension;
import dev.omnibridge.storage.Json;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code check --sandbox}: the settings read from a running sandbox's {@code GET /sandbox} page. */
class RunningSandboxTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults();

    @Test
    void readsTheAccountAndTheKeyOfTheOnlyCustomChannel() {
        URI base = URI.create(sandbox.get().baseUrl());

        Map<String, String> settings = RunningSandbox.settings(base.getHost(), base.getPort());

        assertThat(settings).containsEntry("omnidesk.api-key", sandbox.get().apiKey())
                .containsEntry("omnidesk.custom-channel", "cch1")
                .containsEntry("telegram.token", sandbox.get().telegram().token())
                .doesNotContainKey("telegram.enabled");
    }

    @Test
    void aChannelThatPostsToABridgeMeansVariantTwoIsChecked() {
        URI base = URI.create(sandbox.get().baseUrl());
        sandbox.get().setChannelWebhookUrl("http://127.0.0.1:8080/webhooks/omnidesk-channel/secret-0123456789abcdef");
        try {
            assertThat(RunningSandbox.settings(base.getHost(), base.getPort())).containsEntry("telegram.enabled", "true");
        } finally {
            sandbox.get().setChannelWebhookUrl(null);
        }
    }

    @Test
    void takesTheChannelKeyAndTokenThePageNames() throws Exception {
        Map<String, String> settings = RunningSandbox.settings(Json.MAPPER.readTree("""
                {"api_key": "k", "custom_channel": "cch2", "telegram_token": "42:sandbox-token",
                 "custom_channels": [{"channel_api_key": "cch1"}, {"channel_api_key": "cch2"}]}"""));

        assertThat(settings).containsEntry("omnidesk.custom-channel", "cch2")
                .containsEntry("telegram.token", "42:sandbox-token")
                .doesNotContainKey("telegram.enabled");
    }

    @Test
    void severalChannelsAndNoKeyLeaveTheSettingAlone() throws Exception {
        Map<String, String> settings = RunningSandbox.settings(Json.MAPPER.readTree("""
                {"api_key": "k", "custom_channels": [{"channel_api_key": "cch1"}, {"channel_api_key": "cch2"}]}"""));

        assertThat(settings).doesNotContainKeys("omnidesk.custom-channel", "telegram.token");
    }
}
