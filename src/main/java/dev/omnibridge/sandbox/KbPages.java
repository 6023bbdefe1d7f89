package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.jsoup.nodes.Entities;

/**
 * Public article pages at {@code /knowledge_base/item/{id}}, where Omnidesk's public links appear to point,
 * so a link the bot sends from the sandbox opens something. Inactive articles are not public.
 */
final class KbPages {

    private final List<KbEntry> articles;

    KbPages(List<KbEntry> articles) {
        this.articles = List.copyOf(articles);
    }

    void mount(Router router) {
        router.getWithRegex("/knowledge_base/item/(?<id>\\d+)").handler(this::page);
    }

    private void page(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        KbEntry article = articles.stream()
                .filter(a -> a.active() && Long.toString(a.articleId()).equals(id))
                .findFirst()
                .orElse(null);
        if (article == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Article not found\n");
            return;
        }
        String title = Entities.escape(firstLanguage(article.title()));
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
                        + title + "</h1>" + firstLanguage(article.content()) + "</body></html>");
    }

    /** A multilingual field shows its first language (the account's default); content is the editor's own HTML. */
    private static String firstLanguage(JsonNode field) {
        if (field.isTextual()) {
            return field.asText();
        }
        return field.elements().hasNext() ? field.elements().next().asText() : "";
    }
}
