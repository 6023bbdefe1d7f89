package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/kb_article.json}: search, shapes, the inactive and the multilingual article. */
class KnowledgeBaseApiTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults();

    private static ApiClient api;

    @BeforeAll
    static void connect() {
        api = ApiClient.authenticated(sandbox.get());
    }

    private static JsonNode search(String text, String extra) {
        HttpResponse<String> r = api.get("/api/kb_article.json?search="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + extra);
        assertThat(r.statusCode()).isEqualTo(200);
        return ApiClient.json(r);
    }

    private static List<JsonNode> articles(JsonNode keyedList) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; keyedList.has(Integer.toString(i)); i++) {
            out.add(keyedList.get(Integer.toString(i)).get("kb_article"));
        }
        return out;
    }

    @Test
    void searchFindsActiveAndInactiveArticlesCaseInsensitively() {
        List<JsonNode> found = articles(search("Сколько идёт ДОСТАВКА?", ""));

        assertThat(found).extracting(a -> a.get("article_id").asLong()).containsExactly(101L, 105L);
        assertThat(found).extracting(a -> a.get("active").asBoolean()).containsExactly(true, false);
        JsonNode delivery = found.get(0);
        assertThat(delivery.get("article_title").asText()).contains("доставки").contains("Delivery");
        assertThat(delivery.get("article_content").asText()).contains("<p>").contains("<b>").contains("<a href=")
                .contains("&nbsp;");
        assertThat(delivery.get("section_id").asLong()).isEqualTo(11);
        assertThat(delivery.get("section_id_arr").toString()).isEqualTo("[11]");
        assertThat(delivery.get("access_type").asText()).isEqualTo("public");
        assertThat(delivery.get("article_tags").asText()).contains("delivery");
        assertThat(delivery.get("created_at").asText()).endsWith("+0300");
        assertThat(search("delivery", "").get("total_count").asInt()).isEqualTo(1);
    }

    @Test
    void ranksByTheNumberOfMatchedWords() {
        List<JsonNode> found = articles(search("payment or delivery by courier", ""));
        assertThat(found).extracting(a -> a.get("article_id").asLong()).startsWith(103L, 101L);
    }

    @Test
    void limitsAndReportsTheTotal() {
        JsonNode limited = search("доставка", "&limit=1");
        assertThat(articles(limited)).hasSize(1);
        assertThat(limited.get("total_count").asInt()).isEqualTo(2);
        assertThat(search("квантовая физика", "").toString()).isEqualTo("{\"total_count\":0}");
    }

    @Test
    void tooShortSearchIs400() {
        HttpResponse<String> r = api.get("/api/kb_article.json?search=ab");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"search_too_short\"}");
    }

    @Test
    void multilingualArticlesHaveObjectsKeyedByLanguageId() {
        JsonNode article = articles(search("operator", "")).get(0);
        assertThat(article.get("article_id").asLong()).isEqualTo(106);
        assertThat(article.get("article_title").isObject()).isTrue();
        assertThat(article.get("article_title").get("2").asText()).isEqualTo("How to reach an operator");
        assertThat(article.get("article_content").get("1").asText()).contains("оператор");
        assertThat(articles(search("связаться", ""))).extracting(a -> a.get("article_id").asLong()).containsExactly(106L);
    }

    @Test
    void listsEverythingWithoutASearchAndReadsOneById() {
        JsonNode all = ApiClient.json(api.get("/api/kb_article.json"));
        assertThat(all.get("total_count").asInt()).isEqualTo(7);
        assertThat(ApiClient.json(api.get("/api/kb_article/104.json")).get("kb_article").get("article_title").asText())
                .contains("Opening hours");
        assertThat(api.get("/api/kb_article/1.json").statusCode()).isEqualTo(404);
    }

    @Test
    void publicArticleLinksOpenAPageForActiveArticlesOnly() {
        ApiClient browser = ApiClient.anonymous(sandbox.get());
        HttpResponse<String> page = browser.get("/knowledge_base/item/101");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<h1>Сроки доставки / Delivery times</h1>");
        assertThat(browser.get("/knowledge_base/item/106").body()).contains("Как связаться с оператором");
        assertThat(browser.get("/knowledge_base/item/105").statusCode()).isEqualTo(404);
    }
}
