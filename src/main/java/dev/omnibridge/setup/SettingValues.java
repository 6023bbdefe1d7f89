package dev.omnibridge.setup;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The bridge's settings as the running application sees them, read one key at a time: by the setup tools, and by the
 * start-up checks before the routes are built. Values are stripped; an absent setting reads as {@code ""}.
 */
public final class SettingValues {

    private final Function<String, Optional<String>> lookup;

    private SettingValues(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Fixed values, for tests. */
    public static SettingValues of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        return new SettingValues(key -> Optional.ofNullable(copy.get(key)));
    }

    /** What Camel's {{placeholders}} see: application.properties, overrides, -D and the environment. */
    public static SettingValues of(PropertiesComponent properties) {
        return new SettingValues(properties::resolveProperty);
    }

    public String get(String key) {
        return lookup.apply(key).map(String::strip).orElse("");
    }

    /** True only for "true" (any case). */
    public boolean flag(String key) {
        return Boolean.parseBoolean(get(key));
    }

    /** A positive number of milliseconds, or {@code fallback} when unset or not a number. */
    public long millis(String key, long fallback) {
        String value = get(key);
        if (value.matches("\\d{1,9}") && Long.parseLong(value) > 0) {
            return Long.parseLong(value);
        }
        return fallback;
    }

    /**
     * A setting given on the command line as {@code --key=value}, as every command takes it; empty for anything else.
     */
    public static Optional<Map.Entry<String, String>> fromArgument(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 2 ? Optional.of(Map.entry(arg.substring(2, eq), arg.substring(eq + 1)))
                : Optional.empty();
    }

    /** The environment variable that sets {@code key}: {@code omnidesk.base-url} → {@code OMNIDESK_BASE_URL}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** {@code key (ENV_NAME)}, the way settings are named to the person who sets them. */
    public static String named(String key) {
        return key + " (" + envName(key) + ")";
    }
}
