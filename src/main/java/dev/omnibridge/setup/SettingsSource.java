package dev.omnibridge.setup;

import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Reads the settings the way the running bridge does, without starting it: Camel's properties component over
 * {@code classpath:application.properties}, where system properties ({@code -Dkey=value}) and environment variables
 * ({@code omnidesk.base-url} → {@code OMNIDESK_BASE_URL}) override the file, and {@code overrides} (the command's
 * {@code --key=value} arguments) override everything.
 */
public final class SettingsSource {

    static final String LOCATION = "classpath:application.properties;optional=true";

    private SettingsSource() {}

    public static SettingValues load(Map<String, String> overrides) {
        // Built, never started: the context only hosts the properties component (and the type converter it uses).
        DefaultCamelContext context = new DefaultCamelContext();
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocation(LOCATION);
        overrides.forEach(properties::addOverrideProperty);
        return SettingValues.of(properties);
    }
}
