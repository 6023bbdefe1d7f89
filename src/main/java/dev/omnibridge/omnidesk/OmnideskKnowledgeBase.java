package dev.omnibridge.omnidesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.RouteCaller;
import dev.omnibridge.bot.KnowledgeBase;
import dev.omnibridge.metrics.BridgeMetrics;
import dev.omnibridge.omnidesk.KbArticle;
import java.util.List;

/**
 * The bot's knowledge base is Omnidesk's: searches go through the {@code omnidesk-kb-search} route so that they share
 * the API budget, the retries and the metrics with every other Omnidesk call.
 */
public class OmnideskKnowledgeBase extends RouteCaller implements KnowledgeBase {

    private String linkTemplate = "";
    private String languageId = "";
    private BridgeMetrics metrics;

    public void setMetrics(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    /** Longer customer messages are cut: a search URL has limits, and the first words carry the question. */
    static final int MAX_QUERY_CHARS = 200;

    @Override
    public List<KbArticle> search(String query, int limit) {
        String search = query.length() > MAX_QUERY_CHARS ? query.substring(0, MAX_QUERY_CHARS) : query;
        JsonNode response = producer().requestBodyAndHeader("direct:omnidesk-kb-search", search, "kbLimit", limit,
                JsonNode.class);
        List<KbArticle> articles = KbArticles.fromResponse(response, linkTemplate, languageId);
        if (metrics != null) {
            metrics.knowledgeBaseSearched(!articles.isEmpty());
        }
        return articles.size() > limit ? articles.subList(0, limit) : articles;
    }

    public void setLinkTemplate(String linkTemplate) {
        this.linkTemplate = linkTemplate == null ? "" : linkTemplate;
    }

    public void setLanguageId(String languageId) {
        this.languageId = languageId == null ? "" : languageId;
    }
}
