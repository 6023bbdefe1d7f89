package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.Json;

/** Entities in the JSON shapes of Omnidesk's API (snake_case, string dates, integer ids). */
final class OmnideskJson {

    private OmnideskJson() {
    }

    static ObjectNode caseNode(SandboxCase c) {
        ObjectNode n = Json.object();
        n.put("case_id", c.caseId());
        n.put("case_number", c.caseNumber());
        n.put("subject", c.subject());
        n.put("user_id", c.userId());
        n.put("staff_id", c.staffId());
        n.put("group_id", c.groupId());
        n.put("status", c.status());
        n.put("priority", c.priority());
        n.put("channel", c.channel());
        ArrayNode labels = n.putArray("labels");
        c.labels().forEach(labels::add);
        n.putArray("locked_labels");
        ObjectNode fields = n.putObject("custom_fields");
        c.customFields().forEach(fields::put);
        n.put("language_id", c.languageId());
        n.put("created_at", OmnideskDates.format(c.createdAt()));
        n.put("updated_at", OmnideskDates.format(c.updatedAt()));
        n.put("closed_at", OmnideskDates.format(c.closedAt()));
        n.put("deleted", false);
        n.put("spam", false);
        return n;
    }

    static ObjectNode messageNode(SandboxMessage m) {
        ObjectNode n = Json.object();
        n.put("message_id", m.messageId());
        n.put("user_id", m.userId());
        n.put("staff_id", m.staffId());
        n.put("content", m.content());
        n.put("content_html", m.contentHtml());
        ArrayNode files = n.putArray("attachments");
        for (SandboxAttachment a : m.attachments()) {
            files.addObject()
                    .put("file_id", a.fileId())
                    .put("file_name", a.fileName())
                    .put("file_size", a.fileSize())
                    .put("mime_type", a.mimeType())
                    .put("url", a.url());
        }
        n.put("note", m.note());
        n.put("sent_via_rule", m.sentViaRule());
        n.put("created_at", OmnideskDates.format(m.createdAt()));
        return n;
    }

    static ObjectNode labelNode(Directory.Label l) {
        return Json.object().put("label_id", l.labelId()).put("label_title", l.title());
    }

    static ObjectNode groupNode(Directory.Group g) {
        return Json.object().put("group_id", g.groupId()).put("group_title", g.title()).put("active", g.active());
    }

    static ObjectNode staffNode(Directory.Staff s) {
        return Json.object()
                .put("staff_id", s.staffId())
                .put("staff_email", s.email())
                .put("staff_full_name", s.fullName())
                .put("active", s.active());
    }

    static ObjectNode userNode(Directory.User u) {
        return Json.object()
                .put("user_id", u.userId())
                .put("user_full_name", u.fullName())
                .put("user_email", u.email())
                .put("user_phone", u.phone())
                .put("user_custom_id", u.customId())
                .put("user_custom_channel", u.customChannel())
                .put("type", u.customId().isBlank() ? (u.email().isBlank() ? "phone" : "email") : "custom")
                .put("active", true);
    }

    /** {@code webhook_url} is "" while none is set, as an empty settings field would show. */
    static ObjectNode customChannelNode(Directory.CustomChannel c) {
        return Json.object()
                .put("channel_id", c.channelId())
                .put("channel_api_key", c.apiKey())
                .put("title", c.title())
                .put("channel_type", c.type())
                .put("webhook_url", c.webhookUrl() == null ? "" : c.webhookUrl())
                .put("active", c.active());
    }

    static ObjectNode articleNode(KbEntry a) {
        ObjectNode n = Json.object();
        n.put("article_id", a.articleId());
        n.put("section_id", a.sectionId());
        n.putArray("section_id_arr").add(a.sectionId());
        n.set("article_title", a.title().deepCopy());
        n.set("article_content", a.content().deepCopy());
        n.put("article_tags", a.tags());
        n.put("access_type", "public");
        n.put("active", a.active());
        n.put("created_at", OmnideskDates.format(a.createdAt()));
        n.put("updated_at", OmnideskDates.format(a.updatedAt()));
        return n;
    }

    /** {@code {"case": {...}}}: Omnidesk wraps every single entity in its type name. */
    static ObjectNode wrap(String key, ObjectNode entity) {
        ObjectNode n = Json.object();
        n.set(key, entity);
        return n;
    }
}
