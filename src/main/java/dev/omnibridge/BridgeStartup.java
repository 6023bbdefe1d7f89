package dev.omnibridge;

import dev.omnibridge.bot.engine.ConfiguredBot;
import dev.omnibridge.sandbox.SandboxOmnidesk;
import dev.omnibridge.sandbox.SandboxSettings;
import dev.omnibridge.setup.MissingSettingsException;
import dev.omnibridge.setup.NameResolution;
import dev.omnibridge.setup.SettingValues;
import dev.omnibridge.setup.SetupGuide;
import dev.omnibridge.storage.DataDirectoryLock;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the routes are built: starts the sandbox Omnidesk when asked to (and points the bridge at it), then refuses
 * to start when a mandatory setting is missing, with one line that names every missing setting.
 */
public class BridgeStartup extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeStartup.class);

    /** The sandbox Omnidesk's custom channel for Telegram chats. */
    static final String SANDBOX_CHANNEL = "cch1";

    private SandboxOmnidesk sandbox;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        lockDataDirectory(main, properties);
        PortCheck.requireFree(properties);
        if (SettingValues.of(properties).flag("sandbox.enabled")) {
            startSandbox(properties);
            // The playground's "reload scenario": the bot bean the routes use, looked up when the button is pressed.
            CamelContext context = main.getCamelContext();
            sandbox.setScenarioReloader(() -> context.getRegistry().lookupByNameAndType("bot", ConfiguredBot.class)
                    .reloadScenario());
            // Stopped with the Camel context, however the application is stopped.
            try {
                main.getCamelContext().addService(new ServiceSupport() {
                    @Override
                    protected void doStop() {
                        stopSandbox();
                    }
                }, true, true);
            } catch (Exception e) {
                stopSandbox();
                throw new IllegalStateException("Cannot register the sandbox with Camel", e);
            }
        }
        NameResolution.applyTo(properties);
        RequiredSettings.check(properties);
    }

    /** First of all: a second process on the same data directory would take over this one's intake journal. */
    private void lockDataDirectory(BaseMainSupport main, PropertiesComponent properties) {
        Path dir = Path.of(SettingValues.of(properties).get("bridge.data-dir"));
        DataDirectoryLock dataLock;
        try {
            dataLock = DataDirectoryLock.acquire(dir);
        } catch (IllegalStateException inUse) {
            throw new MissingSettingsException("Cannot start: " + inUse.getMessage());
        } catch (IOException e) {
            throw new MissingSettingsException("Cannot start: the data directory " + dir.toAbsolutePath()
                    + " cannot be used (" + e.getMessage() + ")");
        }
        try {
            // Released when Camel stops, however the application is stopped (and by the OS if the process dies).
            main.getCamelContext().addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    dataLock.close();
                }
            }, true, true);
        } catch (Exception e) {
            try {
                dataLock.close();
            } catch (IOException ignored) {
                // the process is refusing to start anyway
            }
            throw new IllegalStateException("Cannot register the data directory lock with Camel", e);
        }
    }

    private synchronized void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    private void startSandbox(PropertiesComponent properties) {
        String secret = SettingValues.of(properties).get("webhook.secret");
        if (secret.isEmpty()) {
            // The sandbox is the only sender, so a random secret is safe and nobody has to type it.
            secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            properties.addOverrideProperty("webhook.secret", secret);
        }
        sandbox = SandboxOmnidesk.start(SandboxSettings.builder()
                .host(SettingValues.of(properties).get("sandbox.host"))
                .port(Integer.parseInt(SettingValues.of(properties).get("sandbox.port")))
                .rateLimitPerWindow(Integer.parseInt(SettingValues.of(properties).get("sandbox.rate-limit-per-minute")))
                .build());
        String serverPort = SettingValues.of(properties).get("camel.server.port");
        sandbox.setWebhookUrl("http://127.0.0.1:" + serverPort + "/webhooks/omnidesk/" + secret + "?case_id=[case_id]");
        properties.addOverrideProperty("omnidesk.base-url", sandbox.baseUrl());
        properties.addOverrideProperty("omnidesk.staff-email", sandbox.staffEmail());
        properties.addOverrideProperty("omnidesk.api-key", sandbox.apiKey());
        properties.addOverrideProperty("omnidesk.bot-staff-id", Long.toString(sandbox.botStaffId()));
        properties.addOverrideProperty("omnidesk.bot-label-id", Long.toString(sandbox.botLabelId()));
        // The sandbox's "Support" group is the handoff target, unless one is configured (by id or by name).
        String operatorGroup = SettingValues.of(properties).get("omnidesk.operator-group-id");
        if ((operatorGroup.isEmpty() || operatorGroup.equals("0"))
                && SettingValues.of(properties).get("omnidesk.operator-group-name").isEmpty()) {
            properties.addOverrideProperty("omnidesk.operator-group-id", Long.toString(sandbox.operatorGroupId()));
        }
        if (SettingValues.of(properties).get("omnidesk.kb-link-template").isEmpty()) {
            properties.addOverrideProperty("omnidesk.kb-link-template",
                    sandbox.baseUrl() + "/knowledge_base/item/{article_id}");
        }
        // Variant 2 belongs to one replica: not with the cluster intake (RequiredSettings)
        if (SettingValues.of(properties).flag("sandbox.telegram")
                && !"kafka".equals(SettingValues.of(properties).get("bridge.intake"))) {
            useSandboxTelegram(properties, serverPort, secret);
        }
        LOG.info("Sandbox Omnidesk is running at {} - play a customer with: curl -X POST {}/sandbox/cases "
                + "-H 'Content-Type: application/json' -d '{\"text\":\"Привет\",\"name\":\"Ivan\"}'",
                sandbox.baseUrl(), sandbox.baseUrl());
        // Where the account is, not the key itself: logs get shipped, and the page is one curl away.
        LOG.info("Sandbox account (API user, key, rule webhook URL): curl {}/sandbox; check it with: "
                + "java -jar bridge.jar check --sandbox", sandbox.baseUrl());
    }

    /**
     * Variant 2 on the sandbox: its Telegram double answers the Bot API, its custom channel "cch1" posts operator
     * replies to the bridge, and its case-closed rule tells the bridge when an operator closed a chat's case.
     */
    private void useSandboxTelegram(PropertiesComponent properties, String serverPort, String secret) {
        properties.addOverrideProperty("telegram.enabled", "true");
        properties.addOverrideProperty("telegram.token", sandbox.telegram().token());
        properties.addOverrideProperty("telegram.api-url", sandbox.baseUrl());
        properties.addOverrideProperty("omnidesk.custom-channel", SANDBOX_CHANNEL);
        // A local double answers at once; short polls keep a stop (Ctrl-C) quick.
        properties.addOverrideProperty("telegram.poll-timeout-seconds", "2");
        // The URL 'setup' tells an admin to enter: the sandbox proves it is the one the channel route listens on.
        String channelUrl = SetupGuide.channelUrl("http://127.0.0.1:" + serverPort, secret);
        sandbox.setChannelWebhookUrl(channelUrl);
        sandbox.setCaseClosedWebhookUrl(channelUrl);
        LOG.info("Sandbox Telegram is running at {} - play a Telegram customer with: curl -X POST "
                + "{}/sandbox/telegram/chats/1001/messages -H 'Content-Type: application/json' -d '{\"text\":\"Привет\"}'",
                sandbox.baseUrl(), sandbox.baseUrl());
    }

    /** The running sandbox, for tests that start the bridge in sandbox mode. */
    public SandboxOmnidesk sandbox() {
        return sandbox;
    }
}
