package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.SandboxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The account's people and vocabularies: staff, groups, labels, customers (users) and the custom channel.
 * Everything is referenced by integer id elsewhere, as in Omnidesk. Thread-safe.
 */
final class Directory {

    static final long BOT_STAFF_ID = 1001;
    static final long OPERATOR_STAFF_ID = 1002;
    static final long BOT_LABEL_ID = 200;
    static final long OPERATOR_LABEL_ID = 201;
    static final long SUPPORT_GROUP_ID = 10;
    static final long BOT_GROUP_ID = 11;
    static final long CUSTOM_CHANNEL_ID = 1;
    static final String CUSTOM_CHANNEL_KEY = "cch1";

    record Staff(long staffId, String email, String fullName, boolean active) {}

    record Group(long groupId, String title, boolean active) {}

    record Label(long labelId, String title) {}

    /**
     * A customer. Omnidesk keys users by e-mail, phone or a custom channel's own id (unique within that channel,
     * {@code customChannel} being its api key such as {@code "cch1"}); blank fields are "".
     */
    record User(long userId, String fullName, String email, String phone, String customId, String customChannel) {}

    /**
     * An external system's own channel (a Telegram bot, here): it owns the customer side of its cases, and staff
     * replies in them are posted to {@code webhookUrl} (null: none set).
     */
    record CustomChannel(long channelId, String apiKey, String title, String type, boolean active, String webhookUrl) {}

    /** How a case creator names its customer; exactly one way is needed. */
    record Identity(String email, String phone, String customId, String fullName, String customChannel) {

        Identity {
            email = clean(email);
            phone = clean(phone);
            customId = clean(customId);
            fullName = clean(fullName);
            customChannel = clean(customChannel);
        }

        private static String clean(String value) {
            return value == null ? "" : value.strip();
        }

        boolean isEmpty() {
            return email.isBlank() && phone.isBlank() && customId.isBlank();
        }
    }

    private final Map<Long, Staff> staff = new LinkedHashMap<>();
    private final Map<Long, Group> groups = new LinkedHashMap<>();
    private final Map<Long, Label> labels = new LinkedHashMap<>();
    private final Map<Long, User> users = new LinkedHashMap<>();
    private String channelWebhookUrl;
    private long nextLabelId = 202;
    private long nextUserId = 300_001;

    Directory(String botEmail) {
        staff.put(BOT_STAFF_ID, new Staff(BOT_STAFF_ID, botEmail, "Bot", true));
        staff.put(OPERATOR_STAFF_ID, new Staff(OPERATOR_STAFF_ID, "anna@sandbox.omnidesk.local", "Anna Operator", true));
        groups.put(SUPPORT_GROUP_ID, new Group(SUPPORT_GROUP_ID, "Support", true));
        groups.put(BOT_GROUP_ID, new Group(BOT_GROUP_ID, "Bot", true));
        labels.put(BOT_LABEL_ID, new Label(BOT_LABEL_ID, "bot"));
        labels.put(OPERATOR_LABEL_ID, new Label(OPERATOR_LABEL_ID, "operator"));
    }

    synchronized List<Staff> staff() {
        return List.copyOf(staff.values());
    }

    synchronized List<Group> groups() {
        return List.copyOf(groups.values());
    }

    synchronized List<Label> labels() {
        return List.copyOf(labels.values());
    }

    synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    /** The account's one custom channel, "Telegram bot", as the bridge's setup would create it. */
    synchronized List<CustomChannel> customChannels() {
        return List.of(new CustomChannel(CUSTOM_CHANNEL_ID, CUSTOM_CHANNEL_KEY, "Telegram bot", "async", true,
                channelWebhookUrl));
    }

    /** The custom channel with this api key ({@code "cch1"}), if any; ordinary channels ("email") have none. */
    synchronized Optional<CustomChannel> customChannel(String apiKey) {
        return customChannels().stream().filter(c -> c.apiKey().equals(apiKey)).findFirst();
    }

    synchronized void setChannelWebhookUrl(String url) {
        this.channelWebhookUrl = url == null || url.isBlank() ? null : url.strip();
    }

    synchronized boolean hasStaff(long id) {
        return staff.containsKey(id);
    }

    synchronized boolean hasGroup(long id) {
        return groups.containsKey(id);
    }

    synchronized boolean hasLabel(long id) {
        return labels.containsKey(id);
    }

    synchronized Label createLabel(String title) {
        String wanted = title.strip();
        boolean taken = labels.values().stream().anyMatch(l -> l.title().equalsIgnoreCase(wanted));
        if (taken) {
            throw SandboxException.badRequest("label_title_already_exists");
        }
        Label label = new Label(nextLabelId++, wanted);
        labels.put(label.labelId(), label);
        return label;
    }

    synchronized Optional<User> user(long userId) {
        return Optional.ofNullable(users.get(userId));
    }

    /** The existing user with this e-mail, phone or custom id, or a new one; a given name refreshes the old one. */
    synchronized User findOrCreateUser(Identity who) {
        Optional<User> existing = users.values().stream().filter(u -> sameIdentity(u, who)).findFirst();
        if (existing.isPresent()) {
            User u = existing.get();
            if (who.fullName().isBlank() || who.fullName().equals(u.fullName())) {
                return u;
            }
            User renamed = new User(u.userId(), who.fullName(), u.email(), u.phone(), u.customId(), u.customChannel());
            users.put(u.userId(), renamed);
            return renamed;
        }
        User created = new User(nextUserId++, who.fullName(), who.email(), who.phone(), who.customId(),
                who.customId().isBlank() ? "" : who.customChannel());
        users.put(created.userId(), created);
        return created;
    }

    /** A customer known by nothing but a name, like an anonymous web-chat visitor. */
    synchronized User createAnonymousUser(String fullName) {
        User created = new User(nextUserId++, fullName, "", "", "", "");
        users.put(created.userId(), created);
        return created;
    }

    private static boolean sameIdentity(User u, Identity who) {
        if (!who.email().isBlank()) {
            return u.email().toLowerCase(Locale.ROOT).equals(who.email().toLowerCase(Locale.ROOT));
        }
        if (!who.phone().isBlank()) {
            return u.phone().equals(who.phone());
        }
        // The same chat id in two channels is two people.
        return !who.customId().isBlank() && u.customId().equals(who.customId())
                && u.customChannel().equals(who.customChannel());
    }
}
