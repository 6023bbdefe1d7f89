package dev.omnibridge.setup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibridge.omnidesk.KeyedListReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Staff, labels and groups of the Omnidesk account, for turning names into the integer ids every other call needs,
 * and its custom channels (Variant 2). Reads {@code /api/staff.json}, {@code /api/labels.json},
 * {@code /api/groups.json} and {@code /api/custom_channels.json} page by page (they are keyed-object lists, not
 * arrays), once each: later lookups are answered from memory. Names match ignoring case and surrounding or repeated
 * spaces; staff match by e-mail or full name. Not thread-safe.
 */
public final class OmnideskDirectory {

    /** Omnidesk's {@code page} parameter goes up to 500. */
    static final int MAX_PAGES = 500;
    /** Omnidesk's largest {@code limit}. */
    public static final int MAX_PAGE_SIZE = 100;

    /** The three lookup lists. */
    public enum Kind {
        STAFF("staff member", "staff", "/api/staff.json", "staff", "staff_id", "staff_full_name"),
        LABEL("label", "labels", "/api/labels.json", "label", "label_id", "label_title"),
        GROUP("group", "groups", "/api/groups.json", "group", "group_id", "group_title");

        private final String noun;
        private final String plural;
        private final String path;
        private final String wrapper;
        private final String idField;
        private final String titleField;

        Kind(String noun, String plural, String path, String wrapper, String idField, String titleField) {
            this.noun = noun;
            this.plural = plural;
            this.path = path;
            this.wrapper = wrapper;
            this.idField = idField;
            this.titleField = titleField;
        }

        public String noun() {
            return noun;
        }

        public String plural() {
            return plural;
        }

        public String path() {
            return path;
        }
    }

    /**
     * One staff member, label or group.
     *
     * @param title  label or group title, or the staff member's full name
     * @param email  the staff member's e-mail; "" for labels and groups
     * @param active false for a deactivated staff member or group (labels have no such flag)
     */
    public record Entry(Kind kind, long id, String title, String email, boolean active) {

        boolean matches(String name) {
            String wanted = fold(name);
            return !wanted.isEmpty() && (wanted.equals(fold(title)) || wanted.equals(fold(email)));
        }

        /** {@code "Bot" <bot@acme.ru> (id 1001)}, {@code "bot" (id 200)}. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            if (!title.isEmpty()) {
                text.append('"').append(title).append('"');
            }
            if (!email.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append('<').append(email).append('>');
            }
            return text.append(text.length() == 0 ? "" : " ").append("(id ").append(id).append(')').toString();
        }

        /** How to name it in a setting: the e-mail for staff, the title otherwise. */
        public String name() {
            return email.isEmpty() ? title : email;
        }
    }

    /**
     * A custom channel: an external system (the Telegram bot) owns the customer side of its cases, and Omnidesk posts
     * staff replies to {@code webhookUrl}.
     *
     * @param apiKey     {@code channel_api_key}, like {@code "cch12"}: what {@code omnidesk.custom-channel} names
     * @param type       {@code async} (like e-mail) or {@code sync} (like a chat); "" when absent
     * @param webhookUrl where Omnidesk posts staff replies; "" when not set
     */
    public record CustomChannel(long id, String apiKey, String title, String type, String webhookUrl,
            boolean active) {

        /** {@code "Telegram bot" cch1 (id 1)}. */
        public String describe() {
            return (title.isEmpty() ? "" : "\"" + title + "\" ") + (apiKey.isEmpty() ? "" : apiKey + " ") + "(id " + id
                    + ")";
        }
    }

    /** The outcome of a lookup by name. */
    public sealed interface Lookup {
        record Found(Entry entry) implements Lookup {}

        record Missing() implements Lookup {}

        /** Several entries carry that name (for example two groups titled "Support"). */
        record Ambiguous(List<Entry> entries) implements Lookup {}
    }

    private final OmnideskConnection connection;
    private final int pageSize;
    private final Map<Kind, List<Entry>> lists = new EnumMap<>(Kind.class);
    private List<CustomChannel> customChannels;

    public OmnideskDirectory(OmnideskConnection connection) {
        this(connection, MAX_PAGE_SIZE);
    }

    /** {@code pageSize} is Omnidesk's {@code limit}: 1 to 100. Small pages are for tests. */
    public OmnideskDirectory(OmnideskConnection connection, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE);
        }
        this.connection = connection;
        this.pageSize = pageSize;
    }

    /** Every entry of the list, in Omnidesk's order; fetched on first use. */
    public List<Entry> list(Kind kind) throws AccountReadException {
        List<Entry> cached = lists.get(kind);
        if (cached == null) {
            cached = List.copyOf(fetch(kind));
            lists.put(kind, cached);
        }
        return cached;
    }

    /** Every custom channel, in Omnidesk's order; fetched on first use. */
    public List<CustomChannel> customChannels() throws AccountReadException {
        if (customChannels == null) {
            customChannels = List.copyOf(fetch("/api/custom_channels.json", "custom_channel",
                    OmnideskDirectory::customChannel, CustomChannel::id));
        }
        return customChannels;
    }

    /** The custom channel whose {@code channel_api_key} is {@code apiKey} (exactly, as Omnidesk keys cases by it). */
    public Optional<CustomChannel> customChannel(String apiKey) throws AccountReadException {
        return customChannels().stream().filter(c -> c.apiKey().equals(apiKey.strip())).findFirst();
    }

    public Lookup byName(Kind kind, String name) throws AccountReadException {
        List<Entry> matching = list(kind).stream().filter(e -> e.matches(name)).toList();
        if (matching.isEmpty()) {
            return new Lookup.Missing();
        }
        if (matching.size() == 1) {
            return new Lookup.Found(matching.get(0));
        }
        // An exact e-mail match wins over someone else's identical full name.
        List<Entry> byEmail = matching.stream().filter(e -> fold(e.email()).equals(fold(name))).toList();
        return byEmail.size() == 1 ? new Lookup.Found(byEmail.get(0)) : new Lookup.Ambiguous(matching);
    }

    public Optional<Entry> byId(Kind kind, long id) throws AccountReadException {
        return list(kind).stream().filter(e -> e.id() == id).findFirst();
    }

    /** The rate-limit headers of the latest answer. */
    public Optional<RateLimit> rateLimit() {
        return connection.rateLimit();
    }

    private List<Entry> fetch(Kind kind) throws AccountReadException {
        return fetch(kind.path, kind.wrapper, item -> entry(kind, item), Entry::id);
    }

    /** Every page of one keyed list; {@code read} gives null for an item without a usable id. */
    private <T> List<T> fetch(String path, String wrapper, Function<JsonNode, T> read, Function<T, Long> id)
            throws AccountReadException {
        List<T> all = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode root = connection.get(path, "page=" + page + "&limit=" + pageSize);
            List<JsonNode> items = KeyedListReader.items(root, wrapper);
            int added = 0;
            for (JsonNode item : items) {
                T entry = read.apply(item);
                if (entry != null && seen.add(id.apply(entry))) {
                    all.add(entry);
                    added++;
                }
            }
            boolean lastPage = items.size() < pageSize
                    || (root.has(KeyedListReader.TOTAL_COUNT) && all.size() >= KeyedListReader.totalCount(root));
            // added == 0 also stops a server that ignores "page" and keeps sending the first one.
            if (lastPage || added == 0) {
                break;
            }
        }
        return all;
    }

    private static Entry entry(Kind kind, JsonNode item) {
        Long id = id(item.get(kind.idField));
        if (id == null) {
            return null;
        }
        String email = kind == Kind.STAFF ? text(item.get("staff_email")) : "";
        return new Entry(kind, id, text(item.get(kind.titleField)), email, active(item.get("active")));
    }

    private static CustomChannel customChannel(JsonNode item) {
        Long id = id(item.get("channel_id"));
        if (id == null) {
            return null;
        }
        return new CustomChannel(id, text(item.get("channel_api_key")), text(item.get("title")),
                text(item.get("channel_type")), text(item.get("webhook_url")), active(item.get("active")));
    }

    private static Long id(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
            return node.asLong();
        }
        String text = node.asText("").strip();
        return text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
    }

    /** A string; for a multilingual object keyed by language id, its first value. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText().strip();
        }
        for (JsonNode value : node) {
            if (value.isValueNode() && !value.asText().isBlank()) {
                return value.asText().strip();
            }
        }
        return "";
    }

    /** Absent means active; PHP-style {@code 0}, {@code "0"}, {@code "false"} mean inactive. */
    private static boolean active(JsonNode node) {
        if (node == null || node.isNull()) {
            return true;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        String text = node.asText("").strip().toLowerCase(Locale.ROOT);
        return !(text.equals("0") || text.equals("false") || text.equals("no") || text.equals("n"));
    }

    static String fold(String name) {
        return name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
