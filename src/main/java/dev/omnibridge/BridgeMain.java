package dev.omnibridge;

import dev.omnibridge.dialog.DialogLanes;
import dev.omnibridge.setup.SetupCommands;
import org.apache.camel.main.Main;

/**
 * Starts the bridge. The flows live in {@code routes/*.yaml}; settings in {@code application.properties}, each
 * overridable from the environment ({@code omnidesk.base-url} → {@code OMNIDESK_BASE_URL}).
 *
 * <pre>
 *   java -jar bridge.jar            talk to the Omnidesk account that is configured
 *   java -jar bridge.jar sandbox    start an embedded sandbox Omnidesk and talk to it
 *   java -jar bridge.jar setup      print what to type into Omnidesk (rules, URL, bodies, steps)
 *   java -jar bridge.jar check      log in to Omnidesk, resolve ids by name, report what is wrong
 * </pre>
 */
public final class BridgeMain {

    private BridgeMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && SetupCommands.handles(args[0])) {
            System.exit(SetupCommands.run(args)); // "setup" or "check": Camel never starts
        }
        Main main = create(new BridgeStartup());
        String[] camelArgs = args;
        if (args.length > 0 && "sandbox".equals(args[0])) {
            main.addOverrideProperty("sandbox.enabled", "true");
            camelArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        try {
            System.exit(main.run(camelArgs));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof MissingSettingsException missing) {
                    System.err.println(missing.getMessage());
                    System.exit(2);
                }
            }
            throw e;
        }
    }

    /** The application as tests and {@link #main} start it: Camel Main plus the bridge's startup checks. */
    public static Main create(BridgeStartup startup) {
        Main main = new Main();
        main.addMainListener(startup);
        main.configure().addRoutesBuilder(new DialogLanes());
        return main;
    }
}
