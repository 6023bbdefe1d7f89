package dev.omnibridge.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibridge.sandbox.SandboxExtension;
import dev.omnibridge.setup.MissingSettingsException;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ids configured by name: resolved against the sandbox, and set as overrides the way start-up does it. */
class NameResolutionTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults();

    private static OmnideskDirectory directory(Map<String, String> settings) {
        return new OmnideskDirectory(OmnideskConnection.from(SettingValues.of(settings)));
    }

    @Test
    void everyNameBecomesItsId() throws Exception {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());

        NameResolution.Outcome outcome = NameResolution.resolve(SettingValues.of(settings), directory(settings));

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.ids()).containsExactly(
                Map.entry("omnidesk.bot-staff-id", 1001L),
                Map.entry("omnidesk.bot-label-id", 200L),
                Map.entry("omnidesk.operator-group-id", 10L),
                Map.entry("omnidesk.operator-label-id", 201L),
                Map.entry("omnidesk.operator-staff-id", 1002L));
    }

    @Test
    void aSetIdWinsAndZeroCountsAsUnset() throws Exception {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.bot-label-id", "200");
        settings.put("omnidesk.bot-label-name", "no such label");
        settings.put("omnidesk.operator-group-id", "0");

        NameResolution.Outcome outcome = NameResolution.resolve(SettingValues.of(settings), directory(settings));

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.ids()).doesNotContainKey("omnidesk.bot-label-id").containsEntry("omnidesk.operator-group-id", 10L);
    }

    @Test
    void unknownNamesAreProblemsThatSayWhatToDo() throws Exception {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.bot-label-name", "chatbot");
        settings.put("omnidesk.operator-group-name", "Sales");

        NameResolution.Outcome outcome = NameResolution.resolve(SettingValues.of(settings), directory(settings));

        assertThat(outcome.problems()).containsExactly(
                "omnidesk.bot-label-name \"chatbot\": no label of that name in Omnidesk; create a label named "
                        + "\"chatbot\" (admin → Labels) or fix omnidesk.bot-label-name, or set omnidesk.bot-label-id",
                "omnidesk.operator-group-name \"Sales\": no group of that name in Omnidesk; create a group named "
                        + "\"Sales\" (admin → Groups) or fix omnidesk.operator-group-name, or set "
                        + "omnidesk.operator-group-id");
        assertThat(outcome.ids()).containsKey("omnidesk.bot-staff-id");
    }

    @Test
    void atStartUpResolvedIdsBecomeOverrideProperties() {
        PropertiesComponent properties = properties(SandboxAccount.byNames(sandbox.get()));

        NameResolution.applyTo(properties);

        assertThat(properties.resolveProperty("omnidesk.bot-staff-id")).contains("1001");
        assertThat(properties.resolveProperty("omnidesk.bot-label-id")).contains("200");
        assertThat(properties.resolveProperty("omnidesk.operator-group-id")).contains("10");
        assertThat(properties.resolveProperty("omnidesk.operator-label-id")).contains("201");
        assertThat(properties.resolveProperty("omnidesk.operator-staff-id")).contains("1002");
    }

    @Test
    void atStartUpAnUnknownNameStopsTheBridgeWithOneLine() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.bot-label-name", "chatbot");
        PropertiesComponent properties = properties(settings);

        assertThatThrownBy(() -> NameResolution.applyTo(properties))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageStartingWith("Cannot start: omnidesk.bot-label-name \"chatbot\": no label of that name")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining(sandbox.get().apiKey());
    }

    @Test
    void atStartUpRejectedCredentialsStopTheBridge() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.api-key", "wrong-key-for-startup");
        PropertiesComponent properties = properties(settings);

        assertThatThrownBy(() -> NameResolution.applyTo(properties))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("could not look up omnidesk.bot-staff-email, omnidesk.bot-label-name")
                .hasMessageContaining("Omnidesk rejected the credentials (HTTP 401); check omnidesk.staff-email "
                        + "and omnidesk.api-key")
                .hasMessageNotContaining("wrong-key-for-startup");
    }

    @Test
    void atStartUpNothingIsCalledWhenIdsAreConfigured() {
        Map<String, String> settings = SandboxAccount.settings(sandbox.get());
        settings.put("omnidesk.bot-staff-id", "1001");
        settings.put("omnidesk.bot-label-id", "200");
        settings.put("omnidesk.operator-group-id", "0");
        int callsBefore = sandbox.get().apiCalls().size();

        NameResolution.applyTo(properties(settings));

        assertThat(sandbox.get().apiCalls()).hasSize(callsBefore);
    }

    @Test
    void atStartUpMissingConnectionSettingsAreLeftToTheMandatoryCheck() {
        Map<String, String> settings = SandboxAccount.byNames(sandbox.get());
        settings.put("omnidesk.api-key", "");
        int callsBefore = sandbox.get().apiCalls().size();
        PropertiesComponent properties = properties(settings);

        NameResolution.applyTo(properties);

        assertThat(properties.resolveProperty("omnidesk.bot-label-id").orElse("")).isEmpty();
        assertThat(sandbox.get().apiCalls()).hasSize(callsBefore);
    }

    /** A properties component like the running bridge's: the settings as initial properties. */
    private static PropertiesComponent properties(Map<String, String> settings) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        java.util.Properties initial = new java.util.Properties();
        initial.putAll(settings);
        properties.setInitialProperties(initial);
        return properties;
    }
}
