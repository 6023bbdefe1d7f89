package dev.omnibridge.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialogStateTest {

    private static final long WINDOW = 5_000;

    @Test
    void sameTextWithNothingSentInBetweenIsADuplicate() {
        DialogState dialog = accepted("да", 1_000);
        assertThat(dialog.isDuplicate("да", 1_050, WINDOW)).isTrue();
        assertThat(dialog.isDuplicate("нет", 1_050, WINDOW)).isFalse();
    }

    @Test
    void sameAnswerToANewQuestionIsNotADuplicate() {
        DialogState dialog = accepted("привет", 1_000);
        accept(dialog, "да", 20_000);
        dialog.recordSent("А доставку оформить?", 20_100, true);
        assertThat(dialog.isDuplicate("да", 20_900, WINDOW)).isFalse();
    }

    @Test
    void lateTwinOfTheFirstMessageIsADuplicateEvenAfterTheGreeting() {
        DialogState dialog = accepted("Здравствуйте", 1_000);
        dialog.recordSent("Добрый день! Чем помочь?", 1_100, true);
        assertThat(dialog.isDuplicate("Здравствуйте", 1_400, WINDOW)).isTrue();
        assertThat(dialog.isDuplicate("Здравствуйте", 1_000 + WINDOW + 1, WINDOW)).isFalse();
    }

    @Test
    void echoIsRecognisedDespiteWhitespaceChanges() {
        DialogState dialog = new DialogState(1, Owner.BOT, 0);
        dialog.recordSent("Строка один\nстрока два", 10, true);
        assertThat(dialog.isEcho("  Строка один  строка два ")).isTrue();
        assertThat(dialog.isEcho("Строка один, строка два")).isFalse();
    }

    @Test
    void stateStaysBounded() {
        DialogState dialog = new DialogState(1, Owner.BOT, 0);
        for (int i = 0; i < 500; i++) {
            dialog.recordSent("reply " + i, i, true);
            dialog.addCustomerLine("question " + i, i);
        }
        assertThat(dialog.getTranscript()).hasSize(DialogState.MAX_TRANSCRIPT);
        assertThat(dialog.getSentFingerprints()).hasSize(DialogState.MAX_SENT_FINGERPRINTS);
        assertThat(dialog.isEcho("reply 499")).isTrue();
        assertThat(dialog.isEcho("reply 0")).isFalse();
    }

    private static DialogState accepted(String text, long at) {
        DialogState dialog = new DialogState(1, Owner.BOT, 0);
        accept(dialog, text, at);
        return dialog;
    }

    private static void accept(DialogState dialog, String text, long at) {
        dialog.accept(text, at);
        dialog.addCustomerLine(text, at);
    }
}
