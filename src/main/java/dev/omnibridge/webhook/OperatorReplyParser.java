package dev.omnibridge.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.storage.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the custom channel's operator-reply webhook. Omnidesk's documented clients show it form-encoded
 * ({@code type=message_new&object[message_id]=…&object[attachments][0][url]=…}); JSON with the same fields (flat, or
 * under {@code object}) is accepted too. Anything without a message id or a case id is a {@link BadWebhookException}.
 */
public class OperatorReplyParser {

    /** The reason of a refused reply webhook (answer and counter). */
    public static final String INVALID_REPLY = "invalid-reply";

    private static final Pattern ATTACHMENT_URL = Pattern.compile("attachments\\]?\\[(\\d+)\\]\\[url");

    public OperatorReply parse(String body, String contentType) {
        if (body == null || body.isBlank()) {
            throw new BadWebhookException(TolerantWebhookParser.EMPTY_BODY, "The webhook body is empty.");
        }
        String stripped = body.strip();
        boolean json = stripped.startsWith("{") || (contentType != null && contentType.contains("json"));
        return json ? fromJson(stripped) : fromForm(stripped);
    }

    /**
     * The form as the HTTP server decoded it (field → value; a repeated field's values as a list, the first counts).
     */
    public OperatorReply parse(Map<String, ?> form) {
        Map<String, String> decoded = new LinkedHashMap<>();
        form.forEach((key, value) -> decoded.put(key, value instanceof List<?> list
                ? (list.isEmpty() ? "" : String.valueOf(list.get(0))) : String.valueOf(value)));
        return fromFields(decoded);
    }

    private static OperatorReply fromForm(String body) {
        Map<String, String> decoded = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            decoded.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fromFields(decoded);
    }

    private static OperatorReply fromFields(Map<String, String> decoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        TreeMap<Integer, String> attachments = new TreeMap<>();
        for (Map.Entry<String, String> field : decoded.entrySet()) {
            String key = field.getKey();
            String value = field.getValue();
            Matcher attachment = ATTACHMENT_URL.matcher(key);
            if (attachment.find()) {
                attachments.put(Integer.parseInt(attachment.group(1)), value);
            } else {
                fields.put(key.replaceFirst("^object\\[(.*)]$", "$1"), value);
            }
        }
        return reply(fields::get, new ArrayList<>(attachments.values()));
    }

    private static OperatorReply fromJson(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadWebhookException(TolerantWebhookParser.UNPARSEABLE, "The webhook body is not JSON.");
        }
        JsonNode object = root.has("object") ? root.path("object") : root;
        List<String> attachments = new ArrayList<>();
        for (JsonNode attachment : object.path("attachments")) {
            String url = attachment.isTextual() ? attachment.asText() : attachment.path("url").asText("");
            if (!url.isBlank()) {
                attachments.add(url);
            }
        }
        return reply(name -> object.hasNonNull(name) ? object.get(name).asText() : null, attachments);
    }

    private static OperatorReply reply(Function<String, String> field, List<String> attachments) {
        long messageId = number(field.apply("message_id"));
        long caseId = number(field.apply("case_id"));
        if (messageId <= 0 || caseId <= 0) {
            throw new BadWebhookException(INVALID_REPLY, "An operator reply needs a positive message_id and case_id.");
        }
        return new OperatorReply(messageId, caseId, number(field.apply("staff_id")), number(field.apply("user_id")),
                field.apply("custom_user_id"), field.apply("content"), flag(field.apply("note")),
                flag(field.apply("sent_via_rule")), attachments);
    }

    /** A positive id as Omnidesk sends it (form text or JSON), or 0. */
    public static long number(String value) {
        String text = value == null ? "" : value.strip();
        return text.matches("\\d{1,18}") ? Long.parseLong(text) : 0;
    }

    /** PHP-style booleans: true, 1, "true", "1". */
    private static boolean flag(String value) {
        String text = value == null ? "" : value.strip();
        return text.equals("1") || text.equalsIgnoreCase("true");
    }
}
