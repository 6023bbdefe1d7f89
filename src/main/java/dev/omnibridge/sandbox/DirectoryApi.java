package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;
import dev.omnibridge.sandbox.support.SandboxException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/** Omnidesk's lookup endpoints: labels (readable and creatable), groups, staff, users and custom channels. */
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
        router.getWithRegex("/api/users\\.json").handler(this::users);
        router.getWithRegex("/api/users/(?<id>\\d{1,18})\\.json").handler(this::user);
        router.getWithRegex("/api/custom_channels\\.json").handler(ctx -> list(ctx, "custom_channel",
                directory.customChannels(), OmnideskJson::customChannelNode));
    }

    private void createLabel(RoutingContext ctx) {
        String title = JsonFields.text(Json.member(Json.body(ctx), "label"), "label_title");
        if (title.isBlank()) {
            throw SandboxException.badRequest("label_title_required");
        }
        Directory.Label created = directory.createLabel(title);
        Json.send(ctx, 201, OmnideskJson.wrap("label", OmnideskJson.labelNode(created)));
    }

    /** Users by e-mail, phone or a channel's own id ({@code user_custom_id} with {@code user_custom_channel}). */
    private void users(RoutingContext ctx) {
        String email = QueryParams.first(ctx, "user_email");
        String phone = QueryParams.first(ctx, "user_phone");
        String customId = QueryParams.first(ctx, "user_custom_id");
        String customChannel = QueryParams.first(ctx, "user_custom_channel");
        List<Directory.User> matching = directory.users().stream()
                .filter(u -> email == null || u.email().equalsIgnoreCase(email.strip()))
                .filter(u -> phone == null || u.phone().equals(phone.strip()))
                .filter(u -> customId == null || u.customId().equals(customId.strip()))
                .filter(u -> customChannel == null || u.customChannel().equals(customChannel.strip()))
                .toList();
        list(ctx, "user", matching, OmnideskJson::userNode);
    }

    private void user(RoutingContext ctx) {
        Directory.User found = directory.user(Long.parseLong(ctx.pathParam("id")))
                .orElseThrow(() -> new SandboxException(404, "user_not_found"));
        Json.send(ctx, 200, OmnideskJson.wrap("user", OmnideskJson.userNode(found)));
    }

    private static <T> void list(RoutingContext ctx, String key, List<T> all, Function<T, ObjectNode> view) {
        List<ObjectNode> page = Paging.of(ctx).slice(all).stream().map(view).toList();
        Json.send(ctx, 200, KeyedListWriter.of(key, page, all.size()));
    }
}
