package dev.omnibridge;

import org.apache.camel.spi.PropertiesComponent;

/** Reads a setting the way the routes' {{placeholders}} see it (application.properties, overrides, environment). */
final class Settings {

    private Settings() {}

    static String value(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::strip).orElse("");
    }

    static boolean flag(PropertiesComponent properties, String key) {
        return Boolean.parseBoolean(value(properties, key));
    }
}
