package dev.omnibridge.bot.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate FILE} and {@code try FILE [PHRASE ...]}: a scenario checked and played without Omnidesk. */
class ScenarioCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, String... args) {
        return ScenarioCommands.run(args, new BufferedReader(new StringReader(input)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validateAcceptsTheDefaultScenarioAndSummarisesIt() {
        assertThat(run("", "validate", ScenarioBot.DEFAULT_LOCATION)).isZero();
        assertThat(out()).contains("valid", "8 intents", "handoff after 2 misunderstood");
        assertThat(err()).isEmpty();
    }

    @Test
    void validateRefusesABrokenFileWithTheLoadersOneLine() {
        Path file = Fixtures.write(dir, "intents:\n  - id: delivery\n    keywords: [доставк*]\n    reponse: x\n"
                + Fixtures.MISUNDERSTOOD);

        assertThat(run("", "validate", file.toString())).isEqualTo(1);
        assertThat(err().strip()).startsWith(file + ": unknown key 'reponse'").doesNotContain("\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void validateWithoutAFileIsACommandLineError() {
        assertThat(run("", "validate")).isEqualTo(2);
        assertThat(err()).contains("Usage");
    }

    @Test
    void tryPlaysThePhrasesAsOneDialog() {
        assertThat(run("", "try", ScenarioBot.DEFAULT_LOCATION, "Здравствуйте", "где мой заказ 12345", "абракадабра",
                "ещё абракадабра")).isZero();

        String shown = out();
        assertThat(shown).contains("> Здравствуйте\n  matched: no intent: greeting\n  bot: Здравствуйте");
        assertThat(shown).contains("> где мой заказ 12345\n  matched: intent 'order-status'");
        assertThat(shown).contains("> абракадабра\n  matched: no intent: not understood (1 in a row");
        assertThat(shown).contains("> ещё абракадабра\n  matched: no intent: not understood (2 in a row")
                .contains("handoff: not-understood");
    }

    @Test
    void aFirstMessageAskingForAnOperatorGetsTheHandoffReplyWithoutTheGreeting() {
        assertThat(run("", "try", ScenarioBot.DEFAULT_LOCATION, "Позовите оператора")).isZero();

        String shown = out();
        assertThat(shown).contains("matched: intent 'operator' (handoff)", "handoff: requested");
        assertThat(shown).doesNotContain("Чем могу помочь");
    }

    @Test
    void tryWithoutPhrasesReadsThemFromTheTerminalUntilAnEmptyLine() {
        assertThat(run("где мой заказ 777\n\nне прочитано\n", "try", ScenarioBot.DEFAULT_LOCATION)).isZero();

        assertThat(out()).contains("> где мой заказ 777", "intent 'order-status'").doesNotContain("не прочитано");
    }
}
