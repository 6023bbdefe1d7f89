package dev.omnibridge.bot;

import dev.omnibridge.omnidesk.KbArticle;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;

/**
 * The bot's knowledge base is Omnidesk's, searched through the {@code omnidesk-kb-search} route (so that searches
 * share the API budget, retries and metrics with every other Omnidesk call). A call from inside the bot's turn, not a
 * route step before it: the scenario decides in the middle of the turn whether to search and with which words.
 */
public class RouteKnowledgeBase implements KnowledgeBase, CamelContextAware {

    static final String ROUTE = "direct:omnidesk-kb-search";

    private CamelContext camelContext;
    private ProducerTemplate producer;

    @Override
    @SuppressWarnings("unchecked")
    public List<KbArticle> search(String query, int limit) {
        return producer().requestBodyAndHeader(ROUTE, query, "kbLimit", limit, List.class);
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camelContext.createProducerTemplate();
        }
        return producer;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
