package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Files customers attached to their messages, kept in memory and served at {@code /attachments/{id}/{name}}
 * with the API's Basic auth (outside {@code /api}, so a download spends no rate budget, as on a real account).
 */
final class Attachments {

    private record Stored(SandboxAttachment attachment, byte[] content) {}

    private final BasicAuth auth;
    private final Supplier<String> baseUrl;
    private final Map<Long, Stored> files = new HashMap<>();
    private long nextFileId = 900_001;

    Attachments(BasicAuth auth, Supplier<String> baseUrl) {
        this.auth = auth;
        this.baseUrl = baseUrl;
    }

    synchronized SandboxAttachment store(String fileName, String mimeType, byte[] content) {
        long fileId = nextFileId++;
        String name = fileName == null || fileName.isBlank() ? "file" : fileName;
        String type = mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType;
        String url = baseUrl.get() + "/attachments/" + fileId + "/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        SandboxAttachment attachment = new SandboxAttachment(fileId, name, content.length, type, url);
        files.put(fileId, new Stored(attachment, content.clone()));
        return attachment;
    }

    void mount(Router router) {
        router.getWithRegex("/attachments/(?<id>\\d{1,18})/[^/]*").handler(this::download);
    }

    private void download(RoutingContext ctx) {
        if (!auth.accepts(ctx.request().getHeader("Authorization"))) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Omnidesk API\"");
            Json.send(ctx, 401, Json.error("unauthorized"));
            return;
        }
        Stored found;
        synchronized (this) {
            found = files.get(Long.parseLong(ctx.pathParam("id")));
        }
        if (found == null) {
            Json.send(ctx, 404, Json.error("file_not_found"));
            return;
        }
        ctx.response().putHeader("Content-Type", found.attachment().mimeType())
                .end(Buffer.buffer(found.content()));
    }
}
