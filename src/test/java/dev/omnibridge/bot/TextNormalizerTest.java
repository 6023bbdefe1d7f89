package dev.omnibridge.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void foldsCaseAndYo() {
        assertThat(TextNormalizer.normalize("ЁЛКА Всё Ещё")).isEqualTo("елка все еще");
        assertThat(TextNormalizer.normalize("Ёжик")).isEqualTo("ежик");
    }

    @Test
    void decomposedYoIsFoldedToo() {
        assertThat(TextNormalizer.normalize("Все\u0308")).isEqualTo("все"); // е + combining diaeresis
    }

    @Test
    void punctuationAndSymbolsBecomeSpaces() {
        assertThat(TextNormalizer.normalize("Где мой ЗАКАЗ №12345?!")).isEqualTo("где мой заказ 12345");
        assertThat(TextNormalizer.normalize("кого-нибудь, «оператора»... пожалуйста :)"))
                .isEqualTo("кого нибудь оператора пожалуйста");
        assertThat(TextNormalizer.normalize("order #123 — $50 + 10% 🙂")).isEqualTo("order 123 50 10");
    }

    @Test
    void mixesCyrillicAndLatinAndKeepsDigits() {
        assertThat(TextNormalizer.normalize("Hello, Мир! E-mail: a@b.ru"))
                .isEqualTo("hello мир e mail a b ru");
    }

    @Test
    void collapsesAndTrimsWhitespaceIncludingNonBreakingAndInvisible() {
        assertThat(TextNormalizer.normalize("  где\u00A0\u00A0мой\t\nзаказ\u200B  ")).isEqualTo("где мой заказ");
        assertThat(TextNormalizer.normalize("до\u00ADставка")).isEqualTo("доставка"); // soft hyphen
    }

    @Test
    void emptyAndNull() {
        assertThat(TextNormalizer.normalize(null)).isEmpty();
        assertThat(TextNormalizer.normalize("  ?!  ")).isEmpty();
    }

    @Test
    void usesRootLocaleNotTurkish() {
        assertThat(TextNormalizer.normalize("TITLE")).isEqualTo("title");
    }
}
