package dev.omnibridge.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * What Omnidesk does for a custom channel: every staff message and note in one of its cases is posted to the
 * channel's URL as {@code type=message_new&object[...]=...}, the bot's own replies included. Telling them apart
 * ({@code note}, {@code staff_id}, {@code sent_via_rule}) is the receiver's job.
 */
final class ChannelRelay {

    private final Directory directory;
    private final ChannelSender sender;
    private volatile boolean duplicateDeliveries;

    ChannelRelay(Directory directory, ChannelSender sender) {
        this.directory = directory;
        this.sender = sender;
    }

    /** Sends every delivery twice, as an at-least-once sender may, so receivers can show they deduplicate. */
    void duplicateDeliveries(boolean on) {
        this.duplicateDeliveries = on;
    }

    boolean duplicatesDeliveries() {
        return duplicateDeliveries;
    }

    /** Called under the case book's lock, so deliveries are queued in the order of the messages. */
    void staffWrote(SandboxCase c, SandboxMessage m, CompletionStage<?> responded) {
        Optional<Directory.CustomChannel> channel = directory.customChannel(c.channel());
        if (channel.isEmpty() || channel.get().webhookUrl() == null || m.staffId() == 0) {
            return;
        }
        String body = form(fields(c, m));
        int copies = duplicateDeliveries ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            sender.send(c.caseId(), m.messageId(), channel.get().webhookUrl(), body, responded);
        }
    }

    private Map<String, String> fields(SandboxCase c, SandboxMessage m) {
        String customId = directory.user(c.userId()).map(Directory.User::customId).orElse("");
        Map<String, String> f = new LinkedHashMap<>();
        f.put("type", "message_new");
        f.put("object[message_id]", Long.toString(m.messageId()));
        f.put("object[case_id]", Long.toString(c.caseId()));
        f.put("object[staff_id]", Long.toString(m.staffId()));
        f.put("object[user_id]", Long.toString(c.userId()));
        f.put("object[custom_user_id]", customId);
        f.put("object[content]", m.contentHtml().isBlank() ? m.content() : m.contentHtml());
        f.put("object[note]", m.note() ? "1" : "0");
        f.put("object[sent_via_rule]", m.sentViaRule() ? "1" : "0");
        List<SandboxAttachment> files = m.attachments();
        for (int i = 0; i < files.size(); i++) {
            f.put("object[attachments][" + i + "][url]", files.get(i).url());
            f.put("object[attachments][" + i + "][file_name]", files.get(i).fileName());
        }
        return f;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
