package dev.omnibridge.sandbox;

import static dev.omnibridge.sandbox.JsonFields.longs;
import static dev.omnibridge.sandbox.JsonFields.optionalLong;
import static dev.omnibridge.sandbox.JsonFields.optionalStrings;
import static dev.omnibridge.sandbox.JsonFields.optionalText;
import static dev.omnibridge.sandbox.JsonFields.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;
import dev.omnibridge.sandbox.support.SandboxException;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Omnidesk's case endpoints: cases, their messages (JSON, or a form with files) and internal notes. */
final class CaseApi {

    private static final String CASES = "/api/cases\\.json";
    private static final String CASE = "/api/cases/(?<id>\\d+)\\.json";
    static final String MESSAGES = "/api/cases/(?<id>\\d+)/messages\\.json";
    private static final String ATTACHMENT_FIELD = "message[attachments]";

    private final CaseBook cases;
    private final Directory directory;
    private final Set<String> notePaths;
    private final Attachments attachments;

    CaseApi(CaseBook cases, Directory directory, Set<String> notePaths, Attachments attachments) {
        this.cases = cases;
        this.directory = directory;
        this.notePaths = notePaths;
        this.attachments = attachments;
    }

    void mount(Router router) {
        router.getWithRegex(CASES).handler(this::list);
        router.postWithRegex(CASES).handler(this::create);
        router.getWithRegex(CASE).handler(this::get);
        router.putWithRegex(CASE).handler(this::edit);
        router.getWithRegex(MESSAGES).handler(this::messages);
        router.postWithRegex(MESSAGES).handler(this::addMessage);
        for (String notePath : notePaths) {
            router.postWithRegex("/api/cases/(?<id>\\d+)/" + notePath.replace(".", "\\.")).handler(this::addNote);
        }
    }

    private void get(RoutingContext ctx) {
        Json.send(ctx, 200, OmnideskJson.wrap("case", OmnideskJson.caseNode(cases.require(caseId(ctx)))));
    }

    private void list(RoutingContext ctx) {
        List<SandboxCase> matching = cases.all().stream().filter(filter(ctx)).sorted(order(ctx)).toList();
        List<ObjectNode> page = Paging.of(ctx).slice(matching).stream().map(OmnideskJson::caseNode).toList();
        Json.send(ctx, 200, KeyedListWriter.ofCases(page, matching.size()));
    }

    private void create(RoutingContext ctx) {
        ObjectNode c = Json.member(Json.body(ctx), "case");
        String content = text(c, "content");
        String contentHtml = text(c, "content_html");
        if (content.isBlank() && contentHtml.isBlank()) {
            throw SandboxException.badRequest("content_required");
        }
        String channel = text(c, "channel").strip();
        boolean custom = channel.startsWith("cch");
        if (custom && directory.customChannel(channel).isEmpty()) {
            throw SandboxException.badRequest("channel_not_found");
        }
        Directory.Identity who = new Directory.Identity(text(c, "user_email"), text(c, "user_phone"),
                text(c, "user_custom_id"), text(c, "user_full_name"), custom ? channel : "");
        if (who.isEmpty()) {
            throw SandboxException.badRequest("user_identifier_required");
        }
        if (channel.isBlank()) {
            if (!who.customId().isBlank() && who.email().isBlank() && who.phone().isBlank()) {
                throw SandboxException.badRequest("channel_required");
            }
            channel = who.email().isBlank() ? "phone" : "email";
        }
        Long groupId = optionalLong(c, "group_id");
        Long staffId = optionalLong(c, "staff_id");
        Long languageId = optionalLong(c, "language_id");
        Directory.User user = directory.findOrCreateUser(who);
        NewCase request = new NewCase(user.userId(), text(c, "subject"), content, contentHtml, channel,
                longs(c, "labels"), groupId != null ? groupId : Directory.SUPPORT_GROUP_ID,
                staffId != null ? staffId : 0, languageId != null ? languageId : 1);
        SandboxCase created = cases.create(request, AfterResponse.of(ctx));
        Json.send(ctx, 201, OmnideskJson.wrap("case", OmnideskJson.caseNode(created)));
    }

    private void edit(RoutingContext ctx) {
        long caseId = caseId(ctx);
        ObjectNode c = Json.member(Json.body(ctx), "case");
        CaseEdit edit = new CaseEdit(longs(c, "add_labels"), longs(c, "delete_labels"),
                optionalLong(c, "group_id"), optionalLong(c, "staff_id"), optionalText(c, "status"),
                optionalText(c, "priority"), optionalText(c, "subject"), optionalLong(c, "language_id"),
                optionalStrings(c, "custom_fields"));
        SandboxCase edited = cases.edit(caseId, edit, AfterResponse.of(ctx));
        Json.send(ctx, 200, OmnideskJson.wrap("case", OmnideskJson.caseNode(edited)));
    }

    private void messages(RoutingContext ctx) {
        List<SandboxMessage> all = new ArrayList<>(cases.messages(caseId(ctx)));
        if ("desc".equalsIgnoreCase(QueryParams.first(ctx, "order"))) {
            all.sort(Comparator.comparingLong(SandboxMessage::messageId).reversed());
        }
        List<ObjectNode> page = Paging.of(ctx).slice(all).stream().map(OmnideskJson::messageNode).toList();
        Json.send(ctx, 200, KeyedListWriter.of("message", page, all.size()));
    }

    /**
     * With {@code staff_id} a staff reply; with {@code user_id} the client's own message. JSON, or a form
     * ({@code message[user_id]}, {@code message[content]}, file parts {@code message[attachments][0]}, ...) when
     * files come along.
     */
    private void addMessage(RoutingContext ctx) {
        long caseId = caseId(ctx);
        cases.require(caseId);
        ObjectNode m = isForm(ctx) ? formMessage(ctx.request().formAttributes()) : Json.member(Json.body(ctx), "message");
        List<SandboxAttachment> files = storedFiles(ctx);
        CaseBook.Author author = author(m);
        SandboxMessage added = cases.addMessage(caseId, author, text(m, "content"), text(m, "content_html"), files,
                AfterResponse.of(ctx));
        Json.send(ctx, 201, OmnideskJson.wrap("message", OmnideskJson.messageNode(added)));
    }

    private static CaseBook.Author author(ObjectNode m) {
        Long staffId = optionalLong(m, "staff_id");
        Long userId = optionalLong(m, "user_id");
        if (staffId != null && staffId != 0) {
            return CaseBook.Author.staff(staffId);
        }
        if (userId != null && userId != 0) {
            return CaseBook.Author.customer(userId);
        }
        throw SandboxException.badRequest("staff_id_or_user_id_required");
    }

    private static boolean isForm(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && (type.startsWith("multipart/form-data")
                || type.startsWith("application/x-www-form-urlencoded"));
    }

    /** {@code message[content]=...} as the JSON member would have it, so both are read by the same code. */
    private static ObjectNode formMessage(MultiMap form) {
        ObjectNode m = Json.object();
        for (String field : List.of("staff_id", "user_id", "content", "content_html")) {
            String value = form.get("message[" + field + "]");
            if (value != null) {
                m.put(field, value);
            }
        }
        if (m.isEmpty()) {
            throw SandboxException.badRequest("message_required");
        }
        return m;
    }

    /** The uploaded file parts, in the order they came; the multipart body handler has put them on disk. */
    private List<SandboxAttachment> storedFiles(RoutingContext ctx) {
        List<SandboxAttachment> stored = new ArrayList<>();
        for (FileUpload upload : ctx.fileUploads()) {
            if (!upload.name().startsWith(ATTACHMENT_FIELD)) {
                continue;
            }
            try {
                byte[] content = Files.readAllBytes(Path.of(upload.uploadedFileName()));
                stored.add(attachments.store(upload.fileName(), upload.contentType(), content));
            } catch (IOException e) {
                throw new UncheckedIOException("uploaded file vanished", e);
            }
        }
        return stored;
    }

    /** A note is written by the given staff member, or by the API user (the bot) when none is given. */
    private void addNote(RoutingContext ctx) {
        long caseId = caseId(ctx);
        cases.require(caseId);
        ObjectNode n = Json.member(Json.body(ctx), "note");
        Long staffId = optionalLong(n, "staff_id");
        SandboxMessage added = cases.addNote(caseId, staffId != null && staffId != 0 ? staffId : Directory.BOT_STAFF_ID,
                text(n, "content"), text(n, "content_html"), AfterResponse.of(ctx));
        Json.send(ctx, 201, OmnideskJson.wrap("message", OmnideskJson.messageNode(added)));
    }

    private static long caseId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException tooLong) {
            throw SandboxException.caseNotFound();
        }
    }

    /** The list filters a bridge is likely to use; each takes several values, any of which may match. */
    private Predicate<SandboxCase> filter(RoutingContext ctx) {
        List<Long> labels = QueryParams.longs(ctx, "labels");
        List<String> statuses = QueryParams.list(ctx, "status");
        List<Long> groups = QueryParams.longs(ctx, "group_id");
        List<Long> staff = QueryParams.longs(ctx, "staff_id");
        List<Long> users = QueryParams.longs(ctx, "user_id");
        List<String> channels = QueryParams.list(ctx, "channel");
        List<String> customIds = QueryParams.list(ctx, "user_custom_id");
        List<Long> customUsers = directory.users().stream()
                .filter(u -> !u.customId().isEmpty() && customIds.contains(u.customId()))
                .map(Directory.User::userId).toList();
        return c -> (customIds.isEmpty() || customUsers.contains(c.userId()))
                && (labels.isEmpty() || labels.stream().anyMatch(c::hasLabel))
                && (statuses.isEmpty() || statuses.contains(c.status()))
                && (groups.isEmpty() || groups.contains(c.groupId()))
                && (staff.isEmpty() || staff.contains(c.staffId()))
                && (users.isEmpty() || users.contains(c.userId()))
                && (channels.isEmpty() || channels.contains(c.channel()));
    }

    private static Comparator<SandboxCase> order(RoutingContext ctx) {
        String sort = QueryParams.first(ctx, "sort");
        Comparator<SandboxCase> byId = Comparator.comparingLong(SandboxCase::caseId);
        if (sort == null) {
            return byId.reversed();
        }
        return switch (sort) {
            case "created_at_asc", "id_asc" -> byId;
            case "updated_at_desc" -> Comparator.comparing(SandboxCase::updatedAt).thenComparing(byId).reversed();
            case "updated_at_asc" -> Comparator.comparing(SandboxCase::updatedAt).thenComparing(byId);
            default -> byId.reversed();
        };
    }
}
