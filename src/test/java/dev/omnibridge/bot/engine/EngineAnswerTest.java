package dev.omnibridge.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.ButtonMenu;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.bot.TurnMessages;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineAnswerTest {

    private static final String HANDOFF_MESSAGE = "Передаю оператору";
    private static final List<Button> BUTTONS = List.of(new Button("a", "Да"), new Button("b", "Нет"));

    private final DialogState dialog = new DialogState(7, Owner.BOT, 0);

    /** The messages an Omnidesk case gets with bot.join-replies=false. */
    private static final TurnMessages SEPARATE = new TurnMessages();

    static {
        SEPARATE.setJoin(false);
    }

    @Test
    void buttonsGoUnderTheLastReplyAndAreRemembered() {
        BotTurn turn = new EngineAnswer(List.of("Привет!", "Оформить заказ?"), BUTTONS, null)
                .toTurn(dialog, "webim", HANDOFF_MESSAGE);

        assertThat(turn.buttons()).isEqualTo(BUTTONS);
        // an Omnidesk case shows them as a numbered list under the last reply
        assertThat(SEPARATE.of(turn)).containsExactly("Привет!", "Оформить заказ?\n1. Да\n2. Нет");
        assertThat(turn.hasHandoff()).isFalse();
        assertThat(ButtonMenu.take(dialog, "2")).contains(BUTTONS.get(1));
    }

    @Test
    void buttonsAloneAreAReply() {
        BotTurn turn = new EngineAnswer(List.of(), BUTTONS, null).toTurn(dialog, "rasa", HANDOFF_MESSAGE);

        assertThat(turn.replies()).isEmpty();
        assertThat(turn.hasHandoff()).isFalse();
        assertThat(SEPARATE.of(turn)).containsExactly("1. Да\n2. Нет");
    }

    @Test
    void blankRepliesAreDropped() {
        BotTurn turn = new EngineAnswer(List.of("  ", " Ответ "), List.of(), null).toTurn(dialog, "rasa", "");

        assertThat(turn.replies()).containsExactly("Ответ");
    }

    @Test
    void aSilentHandoffGetsTheHandoffMessage() {
        Handoff handoff = new Handoff(Handoff.BOT_DECIDED, "no answer");
        ButtonMenu.remember(dialog, BUTTONS);

        BotTurn turn = new EngineAnswer(List.of(), BUTTONS, handoff).toTurn(dialog, "webim", HANDOFF_MESSAGE);

        assertThat(turn.replies()).containsExactly(HANDOFF_MESSAGE);
        assertThat(turn.handoff()).isEqualTo(handoff);
        assertThat(dialog.getMemory()).doesNotContainKey(ButtonMenu.MEMORY_KEY);
    }

    @Test
    void aHandoffWithItsOwnWordsKeepsThem() {
        BotTurn turn = new EngineAnswer(List.of("Зову человека"), List.of(),
                new Handoff(Handoff.BOT_DECIDED, "asked")).toTurn(dialog, "rasa", HANDOFF_MESSAGE);

        assertThat(turn.replies()).containsExactly("Зову человека");
    }

    @Test
    void nothingToSayHandsOverRatherThanLeaveTheCustomerInSilence() {
        BotTurn turn = new EngineAnswer(List.of(), List.of(), null).toTurn(dialog, "rasa", HANDOFF_MESSAGE);

        assertThat(turn.replies()).containsExactly(HANDOFF_MESSAGE);
        assertThat(turn.handoff().reason()).isEqualTo(Handoff.NOT_UNDERSTOOD);
        assertThat(turn.handoff().detail()).isEqualTo("The rasa bot gave no answer");
    }
}
