package dev.omnibridge.bot.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broken scenario fails init() with one line that names the file and the problem. */
class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private AbstractThrowableAssert<?, ? extends Throwable> assertInitFails(String yaml) {
        Path file = Fixtures.write(dir, yaml);
        ScenarioBot bot = new ScenarioBot();
        bot.setScenarioLocation(file.toString());
        return assertThatThrownBy(bot::init)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static String intent(String body) {
        return "intents:\n  - id: delivery\n" + body.indent(4) + Fixtures.MISUNDERSTOOD;
    }

    @Test
    void aButtonMustNameAnExistingIntent() {
        assertInitFails("intents:\n  - id: menu\n    keywords: [меню]\n    reply: Выберите\n    buttons:\n"
                + "      - text: Доставка\n        intent: delivery\n" + Fixtures.MISUNDERSTOOD)
                .hasMessageEndingWith(": intent 'menu': button 'Доставка' names intent 'delivery', which does not exist;"
                        + " intents: menu (line 2)"); // where the intent starts
    }

    @Test
    void aHandoffIntentOffersNoButtons() {
        assertInitFails("intents:\n  - id: operator\n    handoff: true\n    keywords: [оператор]\n    reply: Передаю\n"
                + "    buttons:\n      - text: Ещё\n        intent: operator\n" + Fixtures.MISUNDERSTOOD)
                .hasMessageContaining("intent 'operator' hands over, so it cannot offer buttons");
    }

    @Test
    void aButtonWithoutTextOrIntentIsNamed() {
        assertInitFails(intent("keywords: [доставк*]\nreply: ok\nbuttons:\n  - intent: delivery"))
                .hasMessageContaining("intent 'delivery' button #1 has no text");
        assertInitFails(intent("keywords: [доставк*]\nreply: ok\nbuttons:\n  - text: Ещё"))
                .hasMessageContaining("intent 'delivery' button #1 names no intent");
    }

    @Test
    void invalidRegex() {
        assertInitFails(intent("patterns: ['x(']\nreply: ok"))
                .hasMessageEndingWith(": intent 'delivery' has an invalid regex 'x(': Unclosed group (line 2)");
    }

    @Test
    void regexMatchingEverything() {
        assertInitFails(intent("patterns: ['\\d*']\nreply: ok"))
                .hasMessageContaining("pattern '\\d*' matches an empty text");
    }

    @Test
    void unknownKeyInAnIntent() {
        assertInitFails(intent("keywords: [доставк*]\nreponse: ok"))
                .hasMessageContaining("unknown key 'reponse' at intents[0] (near line 4); allowed: ")
                .hasMessageContaining("handoff, id, keywords, patterns, phrases, replies, reply");
    }

    @Test
    void unknownTopLevelKeyListsKebabCaseKeys() {
        assertInitFails("settings:\n  handoff-after-misunderstood: 2\n" + Fixtures.MISUNDERSTOOD)
                .hasMessageContaining("unknown key 'settings' (near line 2); allowed: ")
                .hasMessageContaining("knowledge-base");
    }

    @Test
    void unknownKeyInASection() {
        assertInitFails("knowledge-base:\n  excerpt: 100\n" + Fixtures.MISUNDERSTOOD)
                .hasMessageContaining("unknown key 'excerpt' at knowledge-base")
                .hasMessageContaining("excerpt-chars");
    }

    @Test
    void unknownPlaceholder() {
        assertInitFails(intent("keywords: [доставк*]\nreply: 'Привет, {nmae}'"))
                .hasMessageContaining("intent 'delivery' reply: unknown placeholder '{nmae}' (known: {name},");
        assertInitFails("greeting: 'Привет, {user}'\n" + Fixtures.MISUNDERSTOOD)
                .hasMessageContaining("greeting: unknown placeholder '{user}'");
    }

    @Test
    void missingFile() {
        ScenarioBot bot = new ScenarioBot();
        bot.setScenarioLocation(dir.resolve("nope.yaml").toString());
        assertThatThrownBy(bot::init).hasMessage(dir.resolve("nope.yaml") + ": scenario file not found");

        bot.setScenarioLocation("classpath:scenario/nope.yaml");
        assertThatThrownBy(bot::init).hasMessage("classpath:scenario/nope.yaml: scenario file not found");
    }

    @Test
    void emptyFile() {
        assertInitFails("").hasMessageEndingWith(": the file is empty");
        assertInitFails("# only a comment\n").hasMessageEndingWith(": the file is empty");
    }

    @Test
    void brokenYaml() {
        assertInitFails("intents:\n  - id: x\n   keywords: [a\n").hasMessageContaining("invalid YAML (line");
    }

    @Test
    void wrongValueType() {
        assertInitFails("knowledge-base:\n  results: many\n" + Fixtures.MISUNDERSTOOD)
                .hasMessageContaining("at knowledge-base.results (line 2");
    }

    @Test
    void duplicateKey() {
        assertInitFails(intent("keywords: [a]\nreply: one\nreply: two")).hasMessageContaining("reply");
    }

    @Test
    void intentProblems() {
        assertInitFails(intent("reply: ok")).hasMessageEndingWith(
                "intent 'delivery' has no keywords, phrases or patterns, so it can never match (line 2)");
        assertInitFails(intent("keywords: [a]")) // line 2: "- id: delivery", not where the word 'replies' is
                .hasMessageEndingWith("intent 'delivery' has no 'reply' (or 'replies') (line 2)");
        assertInitFails(intent("keywords: [a]\nreply: x\nreplies: [y]"))
                .hasMessageContaining("both 'reply' and 'replies'");
        assertInitFails(intent("keywords: ['где мой']\nreply: x"))
                .hasMessageEndingWith("intent 'delivery': keyword 'где мой' is several words; put it under phrases"
                        + " (line 2)");
        assertInitFails(intent("keywords: ['*']\nreply: x")).hasMessageContaining("without a word stem");
        assertInitFails("intents:\n  - keywords: [a]\n    reply: x\n" + Fixtures.MISUNDERSTOOD)
                .hasMessageEndingWith("intent #1 has no id");
        assertInitFails("intents:\n  - {id: a, keywords: [a], reply: x}\n  - {id: a, keywords: [b], reply: y}\n"
                + Fixtures.MISUNDERSTOOD).hasMessageEndingWith("intent 'a' is defined twice");
    }

    @Test
    void sectionProblems() {
        assertInitFails("greeting: hi\n").hasMessageContaining("'misunderstood' section is missing");
        assertInitFails("misunderstood:\n  reply: x\n").hasMessageContaining("misunderstood.handoff-reply is missing");
        assertInitFails("misunderstood:\n  handoff-after: -1\n  reply: x\n").hasMessageContaining("handoff-after");
        assertInitFails("knowledge-base:\n  results: 0\n" + Fixtures.MISUNDERSTOOD)
                .hasMessageContaining("knowledge-base.results must be between 1 and 10, got 0");
        assertInitFails("knowledge-base:\n  excerpt-chars: 5\n" + Fixtures.MISUNDERSTOOD)
                .hasMessageContaining("knowledge-base.excerpt-chars must be 0");
    }

    @Test
    void notUtf8() throws IOException {
        Path file = dir.resolve("cp1251.yaml");
        Files.write(file, ("greeting: \"" + "Привет" + "\"\n" + Fixtures.MISUNDERSTOOD).getBytes("windows-1251"));
        ScenarioBot bot = new ScenarioBot();
        bot.setScenarioLocation(file.toString());
        assertThatThrownBy(bot::init).hasMessage(file + ": the file is not valid UTF-8; save it as UTF-8");
    }

    @Test
    void singleValuesAreAcceptedWhereListsAreExpected() {
        ScenarioBot bot = Fixtures.bot(dir, intent("keywords: доставк*\nreply: ok"), null);
        assertThat(bot.respond(Fixtures.ongoingDialog(), Fixtures.message("доставку")).replies()).containsExactly("ok");
    }

    @Test
    void fileUriPrefixIsAccepted() {
        Path file = Fixtures.write(dir, intent("keywords: [доставк*]\nreply: ok"));
        ScenarioBot plain = new ScenarioBot();
        plain.setScenarioLocation(file.toString());
        plain.init();
        ScenarioBot prefixed = new ScenarioBot();
        prefixed.setScenarioLocation("file:" + file);
        prefixed.init();

        // The same file behind "file:": the intent matches and the misunderstood reply is the file's, as without it.
        for (String text : new String[] {"где доставка?", "zzz"}) {
            assertThat(prefixed.respond(Fixtures.ongoingDialog(), Fixtures.message(text)).replies()).as(text)
                    .isEqualTo(plain.respond(Fixtures.ongoingDialog(), Fixtures.message(text)).replies());
        }
        assertThat(prefixed.respond(Fixtures.ongoingDialog(), Fixtures.message("где доставка?")).replies())
                .containsExactly("ok");
        assertThat(prefixed.respond(Fixtures.ongoingDialog(), Fixtures.message("zzz")).replies())
                .containsExactly("Не понял.");
    }

    @Test
    void textsMayBeGivenByLanguage() throws Exception {
        Path file = Files.createTempFile("scenario", ".yaml");
        Files.writeString(file, """
                greeting: {ru: "Привет, {name|гость}!", en: "Hi, {name|there}!"}
                intents:
                  - id: hours
                    keywords: [часы, hours]
                    replies:
                      - {ru: "С 9 до 18.", en: "From 9 to 6."}
                      - "9-18"
                misunderstood:
                  handoff-after: 0
                  reply: {en: "Sorry?", ru: "Простите?"}
                """);
        ScenarioBot bot = new ScenarioBot();
        bot.setScenarioLocation(file.toString());
        bot.init();
        DialogState dialog = new DialogState(1, Owner.BOT, 0);
        dialog.setNewDialog(false);
        assertThat(bot.respond(dialog, new WebhookEvent(1, "new_message", "visitor", "hours?", Visitor.UNKNOWN, 0))
                .replies()).containsExactly("From 9 to 6.", "9-18");
        assertThat(bot.respond(dialog, new WebhookEvent(1, "new_message", "visitor", "часы", Visitor.UNKNOWN, 0))
                .replies()).containsExactly("С 9 до 18.", "9-18");
        assertThat(bot.respond(dialog, new WebhookEvent(1, "new_message", "visitor", "zzz", Visitor.UNKNOWN, 0))
                .replies()).containsExactly("Sorry?");
    }

    @Test
    void aTextThatIsNeitherAStringNorLanguagesIsRefusedInOneLine() throws Exception {
        Path file = Files.createTempFile("scenario", ".yaml");
        Files.writeString(file, """
                greeting: [one, two]
                misunderstood:
                  handoff-after: 0
                  reply: "?"
                """);
        assertThatThrownBy(() -> ScenarioLoader.load(file.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("greeting")
                .hasMessageNotContaining("\n");
    }
}
