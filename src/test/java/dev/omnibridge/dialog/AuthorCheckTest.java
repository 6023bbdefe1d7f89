package dev.omnibridge.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.omnidesk.CaseMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who wrote what, decided by message ids from the case's messages. */
class AuthorCheckTest {

    private static final long BOT = 1001;
    private static final long ANNA = 1002;
    private final AuthorCheck check = new AuthorCheck(BOT);

    @Test
    void aNewCaseAnswersItsCustomerMessages() {
        DialogState dialog = fresh();
        AuthorCheck.Reading reading = check.read(dialog, events("Здравствуйте"), List.of(customer(1, "Здравствуйте")));
        assertThat(reading.verdict()).isEqualTo(Verdict.BOT);
        assertThat(reading.toAnswer()).extracting(CaseMessage::text).containsExactly("Здравствуйте");
        assertThat(reading.handledUpTo()).isEqualTo(1);
    }

    @Test
    void theBotsOwnReplyIsAnEchoAndAnAnsweredMessageADuplicate() {
        DialogState dialog = answeredUpTo(1);
        List<CaseMessage> messages = List.of(customer(1, "доставка"), bot(2, "Доставляем курьером"));
        assertThat(check.read(dialog, events("Доставляем курьером"), messages).verdict()).isEqualTo(Verdict.ECHO);
        assertThat(check.read(dialog, events("доставка"), messages).verdict()).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void theSameWordTwiceIsTwoMessages() {
        DialogState dialog = answeredUpTo(2);
        List<CaseMessage> messages = List.of(customer(1, "да"), bot(2, "Точно?"), customer(3, "да"));
        AuthorCheck.Reading reading = check.read(dialog, events("да"), messages);
        assertThat(reading.verdict()).isEqualTo(Verdict.BOT);
        assertThat(reading.toAnswer()).extracting(CaseMessage::messageId).containsExactly(3L);
    }

    @Test
    void anOperatorsReplyInABotCaseIsATakeoverEvenWithACustomerMessageAfterIt() {
        DialogState dialog = answeredUpTo(2);
        List<CaseMessage> messages = List.of(customer(1, "Привет"), bot(2, "Здравствуйте!"),
                staff(3, ANNA, "Это Анна"), customer(4, "Спасибо"));
        assertThat(check.read(dialog, events("Это Анна"), messages).verdict()).isEqualTo(Verdict.TAKEOVER);
        assertThat(check.read(answeredUpTo(2), events("Спасибо"), messages).verdict()).isEqualTo(Verdict.TAKEOVER);
    }

    @Test
    void notesAndRuleMessagesAreNotATakeover() {
        DialogState dialog = answeredUpTo(1);
        List<CaseMessage> messages = List.of(customer(1, "Привет"),
                new CaseMessage(2, 0, ANNA, true, false, "заметка", false),
                new CaseMessage(3, 0, ANNA, false, true, "Ваше обращение принято", false));
        assertThat(check.read(dialog, events("Ваше обращение принято"), messages).verdict())
                .isEqualTo(Verdict.OPERATOR);
    }

    @Test
    void afterAHandBackWhatWasWrittenBeforeIsNotAnswered() {
        DialogState dialog = handedBack();
        List<CaseMessage> messages = List.of(customer(1, "оператор"), bot(2, "Передаю"),
                customer(3, "Спасибо, жду"), staff(4, ANNA, "Оформил возврат. Передаю обратно боту."));
        AuthorCheck.Reading reading = check.read(dialog, events("Оформил возврат. Передаю обратно боту."), messages);
        assertThat(reading.verdict()).isEqualTo(Verdict.OPERATOR);
        assertThat(reading.handledUpTo()).isEqualTo(4);

        DialogState other = handedBack();
        List<CaseMessage> customerLast = List.of(customer(1, "оператор"), bot(2, "Передаю"),
                staff(3, ANNA, "Оформил возврат."), customer(4, "Спасибо, жду"));
        assertThat(check.read(other, events("Спасибо, жду"), customerLast).verdict()).isEqualTo(Verdict.OPERATOR);
    }

    @Test
    void aHandBackToldByAnOlderWebhookStillStartsAfterTheOperatorsWords() {
        DialogState dialog = handedBack();
        // The label came back fast: the echo of the bot's handoff reply is the first webhook read after it.
        List<CaseMessage> messages = List.of(bot(2, "Передаю"), customer(3, "Спасибо, жду"),
                staff(4, ANNA, "Передаю боту"));
        AuthorCheck.Reading echo = check.read(dialog, events("Передаю"), messages);
        assertThat(echo.verdict()).isEqualTo(Verdict.ECHO);
        assertThat(echo.handledUpTo()).isEqualTo(4);
    }

    @Test
    void aHandBackWithoutAWordFromTheOperatorCarriesTheBotsNote() {
        DialogState dialog = handedBack();
        List<CaseMessage> messages = List.of(bot(2, "Передаю"), new CaseMessage(3, 0, BOT, true, false, "Заметка", false),
                customer(4, "А доставка?"));
        AuthorCheck.Reading reading = check.read(dialog, events("Заметка", "А доставка?"), messages);
        assertThat(reading.verdict()).isEqualTo(Verdict.BOT);
        assertThat(reading.toAnswer()).extracting(CaseMessage::messageId).containsExactly(4L);
    }

    @Test
    void afterAHandBackTheCustomersNextLineInTheSameBurstIsAnswered() {
        DialogState dialog = handedBack();
        List<CaseMessage> messages = List.of(staff(3, ANNA, "Передаю боту"), customer(4, "Спасибо, жду"),
                customer(5, "А доставка?"));
        AuthorCheck.Reading reading = check.read(dialog, events("Спасибо, жду", "А доставка?"), messages);
        assertThat(reading.verdict()).isEqualTo(Verdict.BOT);
        assertThat(reading.toAnswer()).extracting(CaseMessage::messageId).containsExactly(5L);
    }

    @Test
    void anUnknownDialogStartsAfterTheBotsLastReply() {
        List<CaseMessage> messages = List.of(customer(1, "Привет"), bot(2, "Здравствуйте!"), customer(3, "доставка"),
                bot(4, "Доставляем"));
        AuthorCheck.Reading afterCrash = check.read(fresh(), events("доставка"), messages);
        assertThat(afterCrash.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(afterCrash.botSpoke()).isTrue();

        List<CaseMessage> notAnswered = List.of(customer(1, "Привет"), bot(2, "Здравствуйте!"), customer(3, "доставка"));
        assertThat(check.read(fresh(), events("доставка"), notAnswered).toAnswer())
                .extracting(CaseMessage::messageId).containsExactly(3L);
    }

    @Test
    void aWebhookWhoseMessageIsNotThereIsUnverified() {
        DialogState dialog = answeredUpTo(1);
        assertThat(check.read(dialog, events("кто это?"), List.of(customer(1, "Привет"))).verdict())
                .isEqualTo(Verdict.UNVERIFIED);
        assertThat(check.allFound(events("кто это?"), List.of(customer(1, "Привет")))).isFalse();
    }

    @Test
    void matchingFoldsWhitespaceHtmlAndAttachmentLinks() {
        List<CaseMessage> messages = List.of(
                new CaseMessage(5, 7, 0, false, false, "Добрый день,\nгде заказ?", false),
                new CaseMessage(6, 7, 0, false, false, "", true));
        assertThat(check.match("Добрый день, где  заказ?", messages).messageId()).isEqualTo(5);
        assertThat(check.match("<p>Добрый день,<br>где заказ?</p>", messages).messageId()).isEqualTo(5);
        assertThat(check.match("https://acme.omnidesk.ru/attachment/download/chat/123", messages).messageId())
                .isEqualTo(6);
    }

    private static DialogState fresh() {
        return new DialogState(5001, Owner.BOT, 0);
    }

    private static DialogState answeredUpTo(long id) {
        DialogState dialog = fresh();
        dialog.handledUpTo(id);
        return dialog;
    }

    /** Answered up to message 2, handed over, and the bot label is back. */
    private static DialogState handedBack() {
        DialogState dialog = answeredUpTo(2);
        dialog.handOverToOperator(0);
        dialog.returnToBot(0);
        return dialog;
    }

    private static List<WebhookEvent> events(String... texts) {
        return Arrays.stream(texts)
                .map(t -> new WebhookEvent(5001, "new_message", "visitor", t, Visitor.UNKNOWN, 0)).toList();
    }

    private static CaseMessage customer(long id, String text) {
        return new CaseMessage(id, 7, 0, false, false, text, false);
    }

    private static CaseMessage bot(long id, String text) {
        return staff(id, BOT, text);
    }

    private static CaseMessage staff(long id, long staffId, String text) {
        return new CaseMessage(id, 0, staffId, false, false, text, false);
    }
}
