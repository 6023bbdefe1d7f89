package dev.omnibridge.omnidesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void blocksAndBreaksBecomeLines() {
        assertThat(HtmlText.toText("<p>Доставка по Москве — 1 день.</p><p>По России:<br>3–7 дней.</p>"))
                .isEqualTo("Доставка по Москве — 1 день.\nПо России:\n3–7 дней.");
        assertThat(HtmlText.toText("<h2>Сроки</h2><div><div>Курьер</div></div>"))
                .isEqualTo("Сроки\nКурьер");
    }

    @Test
    void entitiesAreDecoded() {
        assertThat(HtmlText.toText(
                "<p>Цена&nbsp;от&nbsp;500&nbsp;&#8381; &laquo;Экспресс&raquo; &amp; &lt;курьер&gt;</p>"))
                .isEqualTo("Цена от 500 ₽ «Экспресс» & <курьер>");
    }

    @Test
    void scriptsAndStylesAreDropped() {
        assertThat(HtmlText.toText("<style>p{color:red}</style><p>Текст</p><script>alert('x')</script>"))
                .isEqualTo("Текст");
    }

    @Test
    void whitespaceCollapsedPerLineAndBlankLinesCollapsed() {
        String html = """
                <p>  Первый
                     абзац   текста </p>
                <p><br></p><p>&nbsp;</p><p><br></p>
                <p>Второй</p>""";
        assertThat(HtmlText.toText(html)).isEqualTo("Первый абзац текста\n\nВторой");
    }

    @Test
    void listsGetBullets() {
        assertThat(HtmlText.toText("<p>Способы:</p><ul><li>картой</li><li>наличными</li></ul>"))
                .isEqualTo("Способы:\n• картой\n• наличными");
    }

    @Test
    void inlineMarkupAndLinksKeepTheirText() {
        assertThat(HtmlText.toText("Смотрите <a href=\"/kb/1\">раздел <b>Оплата</b></a>."))
                .isEqualTo("Смотрите раздел Оплата.");
    }

    @Test
    void plainTextPassesThroughUnchanged() {
        assertThat(HtmlText.toText("  Строка 1\n\n\nСтрока   2 & a < b  "))
                .isEqualTo("Строка 1\n\n\nСтрока   2 & a < b");
        assertThat(HtmlText.toText(null)).isEmpty();
        assertThat(HtmlText.toText("")).isEmpty();
    }

    @Test
    void toLineDecodesEntitiesEvenWithoutTags() {
        assertThat(HtmlText.toLine("Возврат &quot;без чека&quot;")).isEqualTo("Возврат \"без чека\"");
        assertThat(HtmlText.toLine("<b>Оплата</b><br>картой")).isEqualTo("Оплата картой");
        assertThat(HtmlText.toLine("Tom & Jerry")).isEqualTo("Tom & Jerry");
    }
}
