package dev.omnibridge.bot.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordSequenceTest {

    private static boolean found(String term, String message) {
        return WordSequence.parse(term).foundIn(NormalizedText.of(message));
    }

    @Test
    void plainKeywordMatchesWholeWordsOnly() {
        assertThat(found("живой", "Хочу с живой поговорить")).isTrue();
        assertThat(found("живой", "живого человека")).isFalse();
        assertThat(found("pay", "How do I pay?")).isTrue();
        assertThat(found("pay", "paypal")).isFalse();
    }

    @Test
    void trailingStarIsAPrefix() {
        assertThat(found("доставк*", "Где моя ДОСТАВКА?")).isTrue();
        assertThat(found("доставк*", "когда доставку привезут")).isTrue();
        assertThat(found("доставк*", "сроки доставки")).isTrue();
        assertThat(found("доставк*", "недоставка")).isFalse(); // a prefix of the word, not a substring
        assertThat(found("доставка*", "доставку")).isFalse(); // the stem must not include the ending
    }

    @Test
    void keywordsAreNormalizedLikeMessages() {
        assertThat(found("ЁЛК*", "елки-палки")).isTrue();
        assertThat(found("елка", "Ёлка!")).isTrue();
    }

    @Test
    void phraseIsAWordSequenceAnywhere() {
        assertThat(found("где мой заказ", "Здравствуйте! Где мой заказ, уже неделя прошла")).isTrue();
        assertThat(found("где мой заказ", "где заказ мой")).isFalse();
        assertThat(found("где мой заказ", "где мой заказчик")).isFalse();
        assertThat(found("статус заказ*", "статус заказа 12")).isTrue();
        assertThat(found("where is my order", "Hi, where is my order?")).isTrue();
    }

    @Test
    void punctuationInsideATermSplitsIntoWords() {
        assertThat(found("кого-нибудь", "позовите кого нибудь")).isTrue();
        assertThat(found("e-mail*", "поменять e-mails")).isTrue();
    }

    @Test
    void rejectsUnusableTerms() {
        assertThatThrownBy(() -> WordSequence.parse("*")).hasMessageContaining("without a word stem");
        assertThatThrownBy(() -> WordSequence.parse("до*ставка")).hasMessageContaining("only a trailing '*'");
        assertThatThrownBy(() -> WordSequence.parse("  ")).hasMessage("is empty");
        assertThatThrownBy(() -> WordSequence.parse("?!")).hasMessage("has no letters or digits");
    }
}
