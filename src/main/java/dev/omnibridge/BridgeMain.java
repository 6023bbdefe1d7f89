package dev.omnibridge;

import dev.omnibridge.bot.scenario.ScenarioCommands;
import dev.omnibridge.dialog.DialogLanes;
import dev.omnibridge.telegram.ChatLanes;
import dev.omnibridge.setup.MissingSettingsException;
import dev.omnibridge.setup.SettingValues;
import dev.omnibridge.setup.SetupCommands;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * Starts the bridge. The flows live in {@code routes/*.yaml}; settings in {@code application.properties}, each
 * overridable from the environment ({@code omnidesk.base-url} → {@code OMNIDESK_BASE_URL}).
 *
 * <pre>
 *   java -jar bridge.jar            talk to the Omnidesk account that is configured
 *   java -jar bridge.jar sandbox    start an embedded sandbox Omnidesk and talk to it
 *   java -jar bridge.jar setup      print what to type into Omnidesk (rules, URL, bodies, steps)
 *   java -jar bridge.jar check      log in to Omnidesk, resolve ids by name, report what is wrong
 *   java -jar bridge.jar validate F check a scenario file; try F [phrases] shows what the scenario bot answers
 *   java -jar bridge.jar help       the commands
 * </pre>
 * Each takes settings as {@code --key=value} after it.
 */
public final class BridgeMain {

    private BridgeMain() {}

    /** What {@code help} prints: the commands, one line each, and where the README says more. */
    static final String HELP = """
            Omnidesk bot bridge: a chatbot in front of Omnidesk (README.md has the whole story).

              java -jar bridge.jar [--key=value ...]          run against the configured Omnidesk account
              java -jar bridge.jar sandbox [--key=value ...]  run with an embedded sandbox Omnidesk (README, "Try it")
              java -jar bridge.jar setup [--mask] [--key=value ...]
                                                              print what to type into Omnidesk (README, "Omnidesk setup")
              java -jar bridge.jar check [--key=value ...]    log in to Omnidesk and check the settings
              java -jar bridge.jar check --sandbox            the same against the running sandbox's account
              java -jar bridge.jar validate FILE              check a scenario file (README, "Scenario bot")
              java -jar bridge.jar try FILE [PHRASE ...]      what the scenario bot answers to each phrase
                                                              (no phrase: type them, one per line)
              java -jar bridge.jar help                       this text

            Settings (README, "Configuration"): application.properties, environment variables (omnidesk.base-url ->
            OMNIDESK_BASE_URL), -Dkey=value before -jar, or --key=value after the command.
            """;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && ("help".equals(args[0]) || "--help".equals(args[0]) || "-h".equals(args[0]))) {
            System.out.print(HELP);
            System.exit(0);
        }
        if (args.length > 0 && SetupCommands.handles(args[0])) {
            System.exit(SetupCommands.run(args, terminal(FileDescriptor.out), terminal(FileDescriptor.err))); // Camel never starts
        }
        if (args.length > 0 && ScenarioCommands.handles(args[0])) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            // "validate" or "try": no Omnidesk, no Camel
            System.exit(ScenarioCommands.run(args, in, terminal(FileDescriptor.out), terminal(FileDescriptor.err)));
        }
        Main main = create(new BridgeStartup());
        boolean sandbox = args.length > 0 && "sandbox".equals(args[0]);
        if (sandbox) {
            main.addOverrideProperty("sandbox.enabled", "true");
        }
        // --key=value after the jar (or after "sandbox") is a setting, as the README says; anything else is refused.
        for (String arg : java.util.Arrays.copyOfRange(args, sandbox ? 1 : 0, args.length)) {
            var setting = SettingValues.fromArgument(arg);
            if (setting.isEmpty()) {
                System.err.println("Unknown argument: " + arg + " (settings go as --key=value; java -jar bridge.jar help)");
                System.exit(2);
            }
            main.addOverrideProperty(setting.get().getKey(), setting.get().getValue());
        }
        try {
            System.exit(main.run(new String[0]));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof MissingSettingsException missing) {
                    System.err.println(missing.getMessage());
                    System.exit(2);
                }
            }
            // Anything else that stops the start (a scenario with a typo, an engine without its URL): one line, and
            // the process ends even when the sandbox's threads would keep it alive. The stack trace is at DEBUG.
            LoggerFactory.getLogger(BridgeMain.class).debug("The bridge did not start", e);
            System.err.println("Cannot start: " + reason(e));
            System.exit(1);
        }
    }

    /** UTF-8 whatever the platform's default: the commands print Russian text. */
    private static PrintStream terminal(FileDescriptor fd) {
        return new PrintStream(new FileOutputStream(fd), true, StandardCharsets.UTF_8);
    }

    /** The bridge's own one-line message (an IllegalArgumentException on the way), else the root cause's. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                return t.getMessage();
            }
            root = t;
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** The application as tests and {@link #main} start it: Camel Main plus the bridge's startup checks. */
    public static Main create(BridgeStartup startup) {
        Main main = new Main();
        main.addMainListener(startup);
        main.configure().addRoutesBuilder(new DialogLanes());
        main.configure().addRoutesBuilder(new ChatLanes());
        return main;
    }
}
