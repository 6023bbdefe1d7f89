package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;
import dev.omnibridge.sandbox.support.SandboxException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Omnidesk's knowledge-base articles: {@code /api/kb_article.json} (list, search) and one article by id. */
final class KbApi {

    private final List<KbEntry> articles;

    KbApi(List<KbEntry> articles) {
        this.articles = List.copyOf(articles);
    }

    void mount(Router router) {
        router.getWithRegex("/api/kb_article\\.json").handler(this::list);
        router.getWithRegex("/api/kb_article/(?<id>\\d+)\\.json").handler(this::get);
    }

    private void list(RoutingContext ctx) {
        String search = QueryParams.first(ctx, "search");
        List<Long> sections = QueryParams.longs(ctx, "section_id");
        List<KbEntry> matching = (search == null ? articles : KbSearch.search(articles, search)).stream()
                .filter(a -> sections.isEmpty() || sections.contains(a.sectionId()))
                .toList();
        List<ObjectNode> page = Paging.of(ctx).slice(matching).stream().map(OmnideskJson::articleNode).toList();
        Json.send(ctx, 200, KeyedListWriter.of("kb_article", page, matching.size()));
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        KbEntry found = articles.stream()
                .filter(a -> Long.toString(a.articleId()).equals(id))
                .findFirst()
                .orElseThrow(() -> new SandboxException(404, "article_not_found"));
        Json.send(ctx, 200, OmnideskJson.wrap("kb_article", OmnideskJson.articleNode(found)));
    }
}
