package dev.omnibridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An operator's HTML reply as the Telegram messages the customer gets. */
class TelegramTextTest {

    @Test
    void htmlBecomesPlainTextWithItsLineBreaks() {
        assertThat(TelegramText.parts("<p>Здравствуйте, Иван!</p><p>Заказ <b>12345</b> отправлен.<br>Трек: RA123</p>"))
                .containsExactly("Здравствуйте, Иван!\nЗаказ 12345 отправлен.\nТрек: RA123");
    }

    @Test
    void aShortReplyIsOneMessageAndAnEmptyOneNone() {
        assertThat(TelegramText.parts("Спасибо!")).containsExactly("Спасибо!");
        assertThat(TelegramText.parts("<p> </p>")).isEmpty();
        assertThat(TelegramText.parts(null)).isEmpty();
    }

    @Test
    void aLongReplyIsCutAtParagraphsWithinTheLimitAndNothingIsLost() {
        String paragraph = "слово ".repeat(300).strip(); // 1,799 characters
        String text = String.join("\n\n", paragraph, paragraph, paragraph, paragraph);

        List<String> parts = TelegramText.split(text, TelegramText.MAX_CHARS);

        assertThat(parts).hasSize(2).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(parts.get(0)).isEqualTo(paragraph + "\n\n" + paragraph);
        assertThat(String.join("\n\n", parts)).isEqualTo(text);
    }

    @Test
    void withoutParagraphsItCutsAtWordsAndNeverInsideAnEmoji() {
        String words = "ab ".repeat(3000).strip();
        assertThat(TelegramText.split(words, 4096)).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(4096);
            assertThat(p).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("a b");
        });

        String emoji = "😀".repeat(3000); // 6,000 UTF-16 units, no boundary at all
        List<String> parts = TelegramText.split(emoji, 4096);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(4096);
            assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
        });
        assertThat(String.join("", parts)).isEqualTo(emoji);
    }
}
