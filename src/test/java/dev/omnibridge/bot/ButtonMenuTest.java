package dev.omnibridge.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import java.util.List;
import org.junit.jupiter.api.Test;

class ButtonMenuTest {

    private static final List<Button> BUTTONS = List.of(
            new Button("courier", "Курьером"), new Button("pickup", "Самовывоз"), new Button("post", "Почта России"));

    @Test
    void rendersOneNumberedLinePerButton() {
        assertThat(ButtonMenu.render(BUTTONS)).isEqualTo("1. Курьером\n2. Самовывоз\n3. Почта России");
    }

    @Test
    void theNumberChoosesInTheUsualSpellings() {
        assertThat(ButtonMenu.choose(BUTTONS, "2")).contains(BUTTONS.get(1));
        assertThat(ButtonMenu.choose(BUTTONS, " 2. ")).contains(BUTTONS.get(1));
        assertThat(ButtonMenu.choose(BUTTONS, "3)")).contains(BUTTONS.get(2));
        assertThat(ButtonMenu.choose(BUTTONS, "2. Самовывоз")).contains(BUTTONS.get(1));
    }

    @Test
    void theTextChoosesWithCaseYoAndPunctuationIgnored() {
        assertThat(ButtonMenu.choose(BUTTONS, "самовывоз!")).contains(BUTTONS.get(1));
        assertThat(ButtonMenu.choose(BUTTONS, "ПОЧТА  россии")).contains(BUTTONS.get(2));
        assertThat(ButtonMenu.choose(List.of(new Button("y", "Ещё")), "еще")).isPresent();
    }

    @Test
    void anythingElseIsAnAnswerNotAChoice() {
        assertThat(ButtonMenu.choose(BUTTONS, "4")).isEmpty();
        assertThat(ButtonMenu.choose(BUTTONS, "0")).isEmpty();
        assertThat(ButtonMenu.choose(BUTTONS, "2 штуки")).isEmpty();
        assertThat(ButtonMenu.choose(BUTTONS, "2. Курьером")).isEmpty();
        assertThat(ButtonMenu.choose(BUTTONS, "хочу самовывоз")).isEmpty();
        assertThat(ButtonMenu.choose(BUTTONS, "!!!")).isEmpty();
    }

    @Test
    void theMenuHoldsForOneMessageOnly() {
        DialogState dialog = new DialogState(1, Owner.BOT, 0);
        ButtonMenu.remember(dialog, BUTTONS);

        assertThat(ButtonMenu.take(dialog, "не знаю")).isEmpty();
        assertThat(ButtonMenu.take(dialog, "2")).isEmpty();

        ButtonMenu.remember(dialog, BUTTONS);
        assertThat(ButtonMenu.take(dialog, "2")).contains(BUTTONS.get(1));
        assertThat(dialog.getMemory()).doesNotContainKey(ButtonMenu.MEMORY_KEY);
    }

    @Test
    void noButtonsForgetsTheMenuAndAnUnreadableOneIsIgnored() {
        DialogState dialog = new DialogState(1, Owner.BOT, 0);
        ButtonMenu.remember(dialog, BUTTONS);
        ButtonMenu.remember(dialog, List.of());
        assertThat(dialog.getMemory()).doesNotContainKey(ButtonMenu.MEMORY_KEY);

        dialog.getMemory().put(ButtonMenu.MEMORY_KEY, "{not a list");
        assertThat(ButtonMenu.take(dialog, "1")).isEmpty();
    }
}
