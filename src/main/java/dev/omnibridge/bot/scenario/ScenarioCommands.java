package dev.omnibridge.bot.scenario;

import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.ButtonMenu;
import dev.omnibridge.bot.TurnMessages;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Scenario commands that need no Omnidesk, for whoever writes a scenario:
 *
 * <pre>
 *   java -jar bridge.jar validate FILE             exit 0 when the file loads, else 1 and the loader's one line
 *   java -jar bridge.jar try FILE [PHRASE ...]     each phrase as the next customer message of one dialog
 * </pre>
 *
 * {@code try} without phrases reads them from standard input, one per line. It shows which intent matched and what
 * the bridge would send; the knowledge base is not searched (it lives in Omnidesk), so a phrase the knowledge base
 * would answer shows as not understood.
 */
public final class ScenarioCommands {

    public static final String VALIDATE = "validate";
    public static final String TRY = "try";

    private ScenarioCommands() {}

    public static boolean handles(String firstArg) {
        return VALIDATE.equals(firstArg) || TRY.equals(firstArg);
    }

    /** Exit codes: 0 fine, 1 the scenario has a problem, 2 bad command line. */
    public static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err) {
        if (args.length < 2 || (VALIDATE.equals(args[0]) && args.length > 2)) {
            err.println("Usage: java -jar bridge.jar validate FILE | java -jar bridge.jar try FILE [PHRASE ...]");
            return 2;
        }
        ScenarioBot bot = new ScenarioBot();
        bot.setScenarioLocation(args[1]);
        try {
            bot.init();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        CompiledScenario scenario = bot.scenario();
        if (VALIDATE.equals(args[0])) {
            out.println(args[1] + ": valid — " + scenario.intents().size() + " intents, handoff after "
                    + (scenario.handoffAfter() == 0 ? "never" : scenario.handoffAfter() + " misunderstood")
                    + ", knowledge-base fallback " + (scenario.kb() != null ? "on" : "off"));
            return 0;
        }
        DialogState dialog = new DialogState(1, Owner.BOT, System.currentTimeMillis());
        List<String> phrases = List.of(args).subList(2, args.length);
        if (phrases.isEmpty()) {
            out.println("Type what a customer writes, one message per line (an empty line or Ctrl-D ends).");
            String line;
            while ((line = readLine(in)) != null && !line.isBlank()) {
                answer(bot, scenario, dialog, line, out);
            }
        } else {
            phrases.forEach(phrase -> answer(bot, scenario, dialog, phrase, out));
        }
        return 0;
    }

    /** One customer message: the intent it matched (or why none), then each message the bridge would send. */
    static void answer(ScenarioBot bot, CompiledScenario scenario, DialogState dialog, String phrase, PrintStream out) {
        Optional<Button> button = ButtonMenu.peek(dialog, phrase);
        Optional<CompiledIntent> intent = button.flatMap(b -> scenario.intent(b.id()))
                .or(() -> scenario.match(NormalizedText.of(phrase.strip())));
        boolean first = dialog.isNewDialog();
        BotTurn turn = bot.respond(dialog, new WebhookEvent(dialog.getCaseId(), "", "", phrase, Visitor.UNKNOWN,
                System.currentTimeMillis()));
        dialog.setNewDialog(false);
        out.println("> " + phrase);
        String matched = intent.map(i -> button.map(b -> "button '" + b.text() + "' → ").orElse("")
                        + "intent '" + i.id() + "'" + (i.handoff() ? " (handoff)" : ""))
                .orElse(first && !turn.hasHandoff() && dialog.getMisunderstood() == 0 ? "no intent: greeting"
                        : "no intent: not understood (" + dialog.getMisunderstood() + " in a row"
                                + (scenario.kb() != null ? "; the knowledge base is searched first in Omnidesk" : "")
                                + ")");
        out.println("  matched: " + matched);
        // As the bridge sends them with the default bot.join-replies=true: one message per turn.
        new TurnMessages().of(turn).forEach(message -> out.println("  bot: " + message.replace("\n", "\n       ")));
        if (turn.hasHandoff()) {
            out.println("  handoff: " + turn.handoff().reason() + " — " + turn.handoff().detail());
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
