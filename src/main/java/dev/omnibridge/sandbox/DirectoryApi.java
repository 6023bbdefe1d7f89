package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/** Omnidesk's lookup endpoints: labels (readable and creatable), groups and staff. */
final class DirectoryApi {

    private final Directory directory;

    DirectoryApi(Directory directory) {
        this.directory = directory;
    }

    void mount(Router router) {
        router.getWithRegex("/api/labels\\.json").handler(ctx -> list(ctx, "label", directory.labels(), OmnideskJson::labelNode));
        router.postWithRegex("/api/labels\\.json").handler(this::createLabel);
        router.getWithRegex("/api/groups\\.json").handler(ctx -> list(ctx, "group", directory.groups(), OmnideskJson::groupNode));
        router.getWithRegex("/api/staff\\.json").handler(ctx -> list(ctx, "staff", directory.staff(), OmnideskJson::staffNode));
    }

    private void createLabel(RoutingContext ctx) {
        String title = JsonFields.text(Json.member(Json.body(ctx), "label"), "label_title");
        if (title.isBlank()) {
            throw SandboxException.badRequest("label_title_required");
        }
        Directory.Label created = directory.createLabel(title);
        Json.send(ctx, 201, OmnideskJson.wrap("label", OmnideskJson.labelNode(created)));
    }

    private static <T> void list(RoutingContext ctx, String key, List<T> all, Function<T, ObjectNode> view) {
        List<ObjectNode> page = Paging.of(ctx).slice(all).stream().map(view).toList();
        Json.send(ctx, 200, KeyedListWriter.of(key, page, all.size()));
    }
}
