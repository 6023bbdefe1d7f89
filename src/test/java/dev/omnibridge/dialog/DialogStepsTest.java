package dev.omnibridge.dialog;

import static dev.omnibridge.omnidesk.MessageListJson.message;
import static dev.omnibridge.omnidesk.MessageListJson.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.storage.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dialog's steps as the dialog-turn route calls them: a burst in, a turn with its verdict out. */
class DialogStepsTest {

    private static final long CASE = 5001;
    private static final long BOT = 1001;
    private static final long BOT_LABEL = 200;
    private static final long CUSTOMER = 300001;

    private final CaffeineDialogStore store = new CaffeineDialogStore();
    private final DialogSteps steps = new DialogSteps();

    DialogStepsTest() {
        store.init();
        steps.setStore(store);
        steps.setBotStaffId(BOT);
        steps.setBotLabelId(BOT_LABEL);
        steps.setOwnerOnMiss("bot");
    }

    @Test
    void aNewCasesCustomerMessagesAreAnsweredTogetherAndTheStateIsKept() {
        CaseTurn turn = steps.open(burst("Здравствуйте", "где мой заказ?"));
        assertThat(turn.isOwnerCheck()).isFalse();
        assertThat(turn.getDialog().isNewDialog()).isTrue();

        Verdict verdict = steps.triageByMessages(turn, messages(
                message(2, CUSTOMER, 0, "где мой заказ?"), message(1, CUSTOMER, 0, "Здравствуйте")));
        steps.save(turn);

        assertThat(verdict).isEqualTo(Verdict.BOT);
        assertThat(turn.getMessage().text()).isEqualTo("Здравствуйте\nгде мой заказ?");
        assertThat(turn.getAnsweringMessageId()).isEqualTo(2);
        assertThat(turn.getAnsweringText()).isNull();
        DialogState kept = store.find(CASE).orElseThrow();
        assertThat(kept.isNewDialog()).isFalse();
        assertThat(kept.getHandledUpTo()).isEqualTo(2);
    }

    @Test
    void anOperatorsReplyInTheBotsCaseMakesTheBotStepBack() {
        answered(1);
        CaseTurn turn = steps.open(burst("Это Анна, помогу"));

        Verdict verdict = steps.triageByMessages(turn, messages(
                message(3, 0, 1002, "Это Анна, помогу"), message(2, 0, BOT, "Здравствуйте!"),
                message(1, CUSTOMER, 0, "Привет")));

        assertThat(verdict).isEqualTo(Verdict.TAKEOVER);
        assertThat(turn.getDialog().getOwner()).isEqualTo(Owner.OPERATOR);
    }

    @Test
    void aCaseThatCannotBeReadIsParkedNotAnswered() {
        CaseTurn turn = steps.open(burst("Привет"));

        assertThat(steps.triageByMessages(turn, null)).isEqualTo(Verdict.UNREAD);
        assertThat(turn.getVerdict()).isEqualTo(Verdict.UNREAD);
    }

    @Test
    void theBridgesOwnEchoIsKnownWithoutARead() {
        answered(1);
        store.find(CASE).orElseThrow().recordSent("Доставляем курьером", System.currentTimeMillis(), true);

        CaseTurn turn = steps.open(burst("Доставляем курьером"));

        assertThat(steps.isOwnEcho(turn)).isTrue();
        assertThat(turn.getVerdict()).isEqualTo(Verdict.ECHO);
    }

    @Test
    void withoutTheAuthorCheckTextsDecide() {
        steps.setAuthorCheck("none");
        CaseTurn first = steps.open(burst("доставка"));
        assertThat(steps.triageByText(first)).isEqualTo(Verdict.BOT);
        assertThat(first.getAnsweringText()).isEqualTo("доставка");
        first.getDialog().recordSent("Доставляем курьером", System.currentTimeMillis(), true);
        steps.save(first);

        assertThat(steps.triageByText(steps.open(burst("Доставляем курьером")))).isEqualTo(Verdict.ECHO);
        assertThat(steps.triageByText(steps.open(burst("доставка")))).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void aCaseNewToThisProcessTakesItsOwnerFromTheLabels() {
        steps.setOwnerOnMiss("labels");
        CaseTurn turn = steps.open(burst("Спасибо"));
        assertThat(turn.isOwnerCheck()).isTrue();
        assertThat(turn.getDialog()).isNull();

        steps.applyCaseLabels(turn, caseWithLabels(201));

        assertThat(turn.getDialog().getOwner()).isEqualTo(Owner.OPERATOR);
        assertThat(steps.triageByMessages(turn, messages(message(1, CUSTOMER, 0, "Спасибо"))))
                .isEqualTo(Verdict.OPERATOR);
    }

    @Test
    void aHandoffThatLeftTheBotLabelIsAMiss() {
        assertThat(steps.handoffMissed(CASE, caseWithLabels(BOT_LABEL))).isTrue();
        assertThat(steps.handoffMissed(CASE, caseWithLabels(201))).isFalse();
        assertThat(steps.handoffMissed(CASE, null)).as("Omnidesk could not tell").isFalse();
    }

    /** The case's state after the bot answered up to message {@code id}. */
    private void answered(long id) {
        DialogState dialog = new DialogState(CASE, Owner.BOT, System.currentTimeMillis());
        dialog.handledUpTo(id);
        dialog.setNewDialog(false);
        store.save(dialog);
    }

    private static Burst burst(String... texts) {
        Burst burst = null;
        for (String text : texts) {
            WebhookEvent event = new WebhookEvent(CASE, "new_message", "visitor", text, Visitor.UNKNOWN,
                    System.currentTimeMillis());
            burst = burst == null ? Burst.of(event, null, false) : burst.plus(event, null, false);
        }
        return burst;
    }

    private static JsonNode caseWithLabels(long... labels) {
        return Json.MAPPER.valueToTree(Map.of("case", Map.of("case_id", CASE, "labels", labels)));
    }
}
