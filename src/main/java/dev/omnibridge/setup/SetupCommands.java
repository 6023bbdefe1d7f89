package dev.omnibridge.setup;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The administrator's commands, run instead of the bridge:
 *
 * <pre>
 *   java -jar bridge.jar setup [--mask] [--key=value ...]   what to type into Omnidesk (rules, steps)
 *   java -jar bridge.jar check [--key=value ...]            log in to Omnidesk and check the settings
 *   java -jar bridge.jar check --sandbox                    the same against a running sandbox's account
 * </pre>
 *
 * Settings are read as the bridge reads them (application.properties, -D, environment variables); {@code --key=value}
 * overrides them for this run.
 */
public final class SetupCommands {

    public static final String SETUP = "setup";
    public static final String CHECK = "check";

    static final String USAGE = """
            Usage:
              java -jar bridge.jar setup [--mask] [--key=value ...]
                  prints what to type into Omnidesk: the steps and the two rules with URL and bodies, and
                  with telegram.enabled=true the custom channel and its case-closed rule
                  (--mask hides the webhook secret in the URLs)
              java -jar bridge.jar check [--sandbox] [--key=value ...]
                  logs in to Omnidesk with the configured credentials and checks the settings; exit code 1
                  when something must be fixed (--sandbox: the account of the sandbox that
                  'java -jar bridge.jar sandbox' runs on this machine, at sandbox.host:sandbox.port)
            Settings come from application.properties and environment variables (omnidesk.base-url ->
            OMNIDESK_BASE_URL), -Dkey=value, or --key=value after the command.
            """;

    private SetupCommands() {}

    /** True when {@code firstArg} names one of these commands. */
    public static boolean handles(String firstArg) {
        return SETUP.equals(firstArg) || CHECK.equals(firstArg);
    }

    /** Runs the command in {@code args[0]} on the process's stdout and stderr (UTF-8); returns the exit code. */
    /** Exit codes: 0 fine, 1 something to fix (see the output), 2 bad command line. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !handles(args[0])) {
            err.print(USAGE);
            return 2;
        }
        boolean mask = false;
        boolean sandbox = false;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                out.print(USAGE);
                return 0;
            } else if ("--mask".equals(arg) && SETUP.equals(args[0])) {
                mask = true;
            } else if ("--sandbox".equals(arg) && CHECK.equals(args[0])) {
                sandbox = true;
            } else if (SettingValues.fromArgument(arg).isPresent()) {
                Map.Entry<String, String> setting = SettingValues.fromArgument(arg).get();
                overrides.put(setting.getKey(), setting.getValue());
            } else {
                // Not echoed unless it is an option: a stray word could be a key typed after its name.
                err.println("Unknown argument for " + args[0] + (arg.startsWith("-") ? ": " + arg : " (use --key=value)"));
                err.print(USAGE);
                return 2;
            }
        }
        SettingValues settings = SettingsSource.load(overrides);
        if (sandbox) {
            Map<String, String> account;
            try {
                account = RunningSandbox.settings(settings.get("sandbox.host"),
                        Integer.parseInt(settings.get("sandbox.port")));
            } catch (IllegalStateException | NumberFormatException e) {
                err.println("Cannot check the sandbox: " + e.getMessage());
                return 1;
            }
            // The sandbox's account as a sandbox-mode bridge uses it; --key=value still wins.
            account.putAll(overrides);
            settings = SettingsSource.load(account);
        }
        return SETUP.equals(args[0]) ? SetupGuide.run(settings, mask, out) : AccountCheck.run(settings, out);
    }
}
