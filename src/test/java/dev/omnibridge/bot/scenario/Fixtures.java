package dev.omnibridge.bot.scenario;

import dev.omnibridge.bot.KnowledgeBase;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small builders shared by the scenario tests. */
final class Fixtures {

    static final Visitor ANNA = new Visitor("v-42", "Анна", "anna@example.com", "+79990001122");

    /** A complete minimal scenario section every test file can append intents to. */
    static final String MISUNDERSTOOD = """
            misunderstood:
              handoff-after: 2
              reply: "Не понял."
              handoff-reply: "Передаю оператору."
            """;

    private Fixtures() {}

    static Path write(Path dir, String yaml) {
        try {
            Path file = dir.resolve("scenario.yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScenarioBot bot(Path dir, String yaml, KnowledgeBase kb) {
        ScenarioBot bot = new ScenarioBot();
        bot.setScenarioLocation(write(dir, yaml).toString());
        bot.setKnowledgeBase(kb);
        bot.init();
        return bot;
    }

    static WebhookEvent message(String text) {
        return message(text, ANNA);
    }

    static WebhookEvent message(String text, Visitor visitor) {
        return new WebhookEvent(1001L, "new_message", "visitor", text, visitor, 1_000L);
    }

    static DialogState newDialog() {
        return new DialogState(1001L, Owner.BOT, 0L);
    }

    static DialogState ongoingDialog() {
        DialogState dialog = newDialog();
        dialog.setNewDialog(false);
        return dialog;
    }
}
