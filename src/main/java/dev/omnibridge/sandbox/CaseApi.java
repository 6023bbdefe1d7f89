package dev.omnibridge.sandbox;

import static dev.omnibridge.sandbox.JsonFields.longs;
import static dev.omnibridge.sandbox.JsonFields.optionalLong;
import static dev.omnibridge.sandbox.JsonFields.optionalStrings;
import static dev.omnibridge.sandbox.JsonFields.optionalText;
import static dev.omnibridge.sandbox.JsonFields.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Omnidesk's case endpoints: cases, their messages and internal notes. */
final class CaseApi {

    private static final String CASES = "/api/cases\\.json";
    private static final String CASE = "/api/cases/(?<id>\\d+)\\.json";
    private static final String MESSAGES = "/api/cases/(?<id>\\d+)/messages\\.json";

    private final CaseBook cases;
    private final Directory directory;
    private final Set<String> notePaths;

    CaseApi(CaseBook cases, Directory directory, Set<String> notePaths) {
        this.cases = cases;
        this.directory = directory;
        this.notePaths = notePaths;
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
        Directory.Identity who = new Directory.Identity(text(c, "user_email"), text(c, "user_phone"),
                text(c, "user_custom_id"), text(c, "user_full_name"));
        if (who.isEmpty()) {
            throw SandboxException.badRequest("user_identifier_required");
        }
        String channel = text(c, "channel");
        if (channel.isBlank()) {
            if (!who.customId().isBlank() && who.email().isBlank() && who.phone().isBlank()) {
                throw SandboxException.badRequest("channel_required");
            }
            channel = who.email().isBlank() ? "phone" : "email";
        }
        Long groupId = optionalLong(c, "group_id");
        Long languageId = optionalLong(c, "language_id");
        Directory.User user = directory.findOrCreateUser(who);
        NewCase request = new NewCase(user.userId(), text(c, "subject"), content, contentHtml, channel,
                longs(c, "labels"), groupId != null ? groupId : Directory.SUPPORT_GROUP_ID,
                languageId != null ? languageId : 1);
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

    /** With {@code staff_id} a staff reply; with {@code user_id} the client's own message. */
    private void addMessage(RoutingContext ctx) {
        long caseId = caseId(ctx);
        cases.require(caseId);
        ObjectNode m = Json.member(Json.body(ctx), "message");
        Long staffId = optionalLong(m, "staff_id");
        Long userId = optionalLong(m, "user_id");
        CaseBook.Author author;
        if (staffId != null && staffId != 0) {
            author = CaseBook.Author.staff(staffId);
        } else if (userId != null && userId != 0) {
            author = CaseBook.Author.customer(userId);
        } else {
            throw SandboxException.badRequest("staff_id_or_user_id_required");
        }
        SandboxMessage added = cases.addMessage(caseId, author, text(m, "content"), text(m, "content_html"),
                AfterResponse.of(ctx));
        Json.send(ctx, 201, OmnideskJson.wrap("message", OmnideskJson.messageNode(added)));
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
    private static Predicate<SandboxCase> filter(RoutingContext ctx) {
        List<Long> labels = QueryParams.longs(ctx, "labels");
        List<String> statuses = QueryParams.list(ctx, "status");
        List<Long> groups = QueryParams.longs(ctx, "group_id");
        List<Long> staff = QueryParams.longs(ctx, "staff_id");
        List<Long> users = QueryParams.longs(ctx, "user_id");
        List<String> channels = QueryParams.list(ctx, "channel");
        return c -> (labels.isEmpty() || labels.stream().anyMatch(c::hasLabel))
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
