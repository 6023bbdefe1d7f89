package dev.omnibridge.omnidesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.omnidesk.KbArticle;
import java.util.List;
import org.junit.jupiter.api.Test;

class KbArticlesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK = "https://shop.omnidesk.ru/knowledge_base/item/{article_id}";

    /** Shaped like GET /api/kb_article.json?search=доставка: keyed list, one inactive, one multilingual. */
    private static final String RESPONSE = """
            {
              "0": {"kb_article": {
                "article_id": 12, "section_id": 3, "section_id_arr": [3],
                "article_title": "Доставка и сроки",
                "article_content": "<p>Курьером по Москве &mdash; 1&nbsp;день.</p><p>По России: 3&ndash;7 дней.</p>",
                "article_tags": "доставка", "access_type": "public", "active": true,
                "created_at": "Mon, 05 May 2014 00:15:17 +0300", "updated_at": "-"}},
              "1": {"kb_article": {
                "article_id": 13, "article_title": "Старые тарифы", "article_content": "<p>Не актуально</p>",
                "active": false}},
              "2": {"kb_article": {
                "article_id": "14",
                "article_title": {"1": "Оплата", "2": "Payment"},
                "article_content": {"1": "<p>Картой или наличными.</p>", "2": "<p>By card or cash.</p>"},
                "active": "1"}},
              "3": {"kb_article": {
                "article_id": 15, "article_title": "Черновик", "article_content": "", "active": "0"}},
              "4": {"kb_article": {"article_id": 16, "article_title": "", "article_content": "  "}},
              "total_count": 5
            }""";

    private static List<KbArticle> parse(String json, String link, String language) throws Exception {
        return KbArticles.fromResponse(JSON.readTree(json), link, language);
    }

    @Test
    void readsActiveArticlesAsPlainTextWithLinks() throws Exception {
        assertThat(parse(RESPONSE, LINK, null)).containsExactly(
                new KbArticle(12, "Доставка и сроки", "Курьером по Москве — 1 день.\nПо России: 3–7 дней.",
                        "https://shop.omnidesk.ru/knowledge_base/item/12"),
                new KbArticle(14, "Оплата", "Картой или наличными.",
                        "https://shop.omnidesk.ru/knowledge_base/item/14"));
    }

    @Test
    void picksTheRequestedLanguage() throws Exception {
        List<KbArticle> articles = parse(RESPONSE, LINK, "2");
        assertThat(articles).extracting(KbArticle::title).containsExactly("Доставка и сроки", "Payment");
        assertThat(articles.get(1).text()).isEqualTo("By card or cash.");
    }

    @Test
    void missingOrBlankTranslationFallsBackToTheFirstNonBlank() throws Exception {
        String json = """
                {"0": {"kb_article": {"article_id": 1,
                  "article_title": {"1": "", "2": "Returns", "3": "Возврат"},
                  "article_content": {"1": null, "2": "<p>14 days</p>"}}}}""";
        assertThat(parse(json, LINK, "1")).extracting(KbArticle::title, KbArticle::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Returns", "14 days"));
        assertThat(parse(json, LINK, "9").get(0).title()).isEqualTo("Returns");
    }

    @Test
    void emptyQuirkAndBlankTemplate() throws Exception {
        assertThat(parse("{\"kb_article\": []}", LINK, null)).isEmpty();
        assertThat(parse(RESPONSE, "  ", null)).extracting(KbArticle::link).containsOnly("");
    }

    @Test
    void titleEntitiesAreDecoded() throws Exception {
        String json = "[{\"kb_article\": {\"article_id\": 3, \"article_title\": \"Возврат &laquo;без чека&raquo;\","
                + " \"article_content\": \"Можно.\"}}]";
        assertThat(parse(json, LINK, null).get(0).title()).isEqualTo("Возврат «без чека»");
    }
}
