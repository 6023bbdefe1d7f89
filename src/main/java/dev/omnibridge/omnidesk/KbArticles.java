package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.omnidesk.KbArticle;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Omnidesk's {@code GET /api/kb_article.json} response into chat-ready {@link KbArticle}s. As a bean (the
 * {@code omnidesk-kb-search} route's last step) it carries the account's link template and language.
 */
public class KbArticles {

    public static final String WRAPPER = "kb_article";
    public static final String ARTICLE_ID_PLACEHOLDER = "{article_id}";

    private String linkTemplate = "";
    private String languageId = "";

    public void setLinkTemplate(String linkTemplate) {
        this.linkTemplate = linkTemplate == null ? "" : linkTemplate;
    }

    public void setLanguageId(String languageId) {
        this.languageId = languageId == null ? "" : languageId;
    }

    /** The search's answer as at most {@code limit} articles, best first. */
    public List<KbArticle> read(JsonNode response, int limit) {
        List<KbArticle> articles = fromResponse(response, linkTemplate, languageId);
        return articles.size() > limit ? List.copyOf(articles.subList(0, limit)) : articles;
    }

    /**
     * @param root         the parsed response (keyed-object list, array, or the {@code {"kb_article": []}} quirk)
     * @param linkTemplate public article URL with {@code {article_id}}, e.g.
     *                     {@code https://acme.omnidesk.ru/knowledge_base/item/{article_id}}; blank = no links
     * @param languageId   preferred language id on multilingual bases; null/blank = the first non-blank value
     * @return active articles with a title or content, in response order
     */
    public static List<KbArticle> fromResponse(JsonNode root, String linkTemplate, String languageId) {
        List<KbArticle> articles = new ArrayList<>();
        for (JsonNode item : KeyedListReader.items(root, WRAPPER)) {
            if (!isActive(item.get("active"))) {
                continue;
            }
            String title = HtmlText.toLine(localized(item.get("article_title"), languageId));
            String text = HtmlText.toText(localized(item.get("article_content"), languageId));
            if (title.isEmpty() && text.isEmpty()) {
                continue;
            }
            long id = articleId(item.get("article_id"));
            articles.add(new KbArticle(id, title, text, link(linkTemplate, id)));
        }
        return articles;
    }

    /** Missing means active; false, 0, "0" and "false" mean inactive. */
    static boolean isActive(JsonNode active) {
        if (active == null || active.isNull()) {
            return true;
        }
        if (active.isBoolean()) {
            return active.booleanValue();
        }
        if (active.isNumber()) {
            return active.asLong() != 0;
        }
        String value = active.asText().trim();
        return !(value.equals("0") || value.equalsIgnoreCase("false"));
    }

    /** A plain string, or an object keyed by language id ({@code {"1": "Доставка", "2": "Delivery"}}). */
    static String localized(JsonNode value, String languageId) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isObject() && languageId != null && !languageId.isBlank()) {
            String preferred = scalar(value.get(languageId.trim()));
            if (!preferred.isBlank()) {
                return preferred;
            }
        }
        // Otherwise the first non-blank translation (also tolerates a plain array of strings).
        for (JsonNode translation : value) {
            String text = scalar(translation);
            if (!text.isBlank()) {
                return text;
            }
        }
        return "";
    }

    private static String scalar(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? "" : node.asText();
    }

    private static long articleId(JsonNode id) {
        if (id == null || id.isNull()) {
            return 0;
        }
        if (id.isIntegralNumber()) {
            return id.asLong();
        }
        String text = id.asText().trim();
        return text.matches("\\d{1,18}") ? Long.parseLong(text) : 0;
    }

    private static String link(String template, long id) {
        if (template == null || template.isBlank() || id <= 0) {
            return "";
        }
        return template.strip().replace(ARTICLE_ID_PLACEHOLDER, Long.toString(id));
    }
}
