package dev.omnibridge.bot.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KbFallbackTest {

    @Test
    void shortTextIsKeptWithWhitespaceFlattened() {
        assertThat(KbFallback.excerpt("Доставка\n\nбесплатно  от 3000 ₽.", 300))
                .isEqualTo("Доставка бесплатно от 3000 ₽.");
    }

    @Test
    void longTextIsCutAtAWordBoundaryWithinTheLimit() {
        String text = "Вернуть товар можно в течение 14 дней, если сохранены упаковка и чек.";
        String excerpt = KbFallback.excerpt(text, 40);
        assertThat(excerpt).isEqualTo("Вернуть товар можно в течение 14 дней…");
        assertThat(excerpt.length()).isLessThanOrEqualTo(40);
    }

    @Test
    void aWordEndingExactlyAtTheLimitIsKept() {
        assertThat(KbFallback.excerpt("один два три четыре", 9)).isEqualTo("один два…");
    }

    @Test
    void oneHugeWordIsCutHard() {
        assertThat(KbFallback.excerpt("https://example.com/very/long/path/without/spaces", 20))
                .isEqualTo("https://example.com…")
                .hasSize(20);
    }

    @Test
    void zeroMeansNoExcerpt() {
        assertThat(KbFallback.excerpt("что угодно", 0)).isEmpty();
        assertThat(KbFallback.excerpt(null, 100)).isEmpty();
    }
}
