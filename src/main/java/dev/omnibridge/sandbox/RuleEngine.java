package dev.omnibridge.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The account's rules. Two as the seed integration configures them: limited to cases carrying the bot label,
 * one for new cases ({@code [case_description]}) and one for updated cases ({@code [last_message]}).
 * The updated rule fires on every change, the bot's own replies, notes and label edits included:
 * that is how the bridge receives its own echoes. A third, for the custom channel, on every case that gets closed.
 */
final class RuleEngine {

    private final Directory directory;
    private final WebhookSender sender;
    private final boolean fireUpdatedOnCreate;
    private volatile String webhookUrl;
    private volatile String caseClosedUrl;

    RuleEngine(Directory directory, WebhookSender sender, boolean fireUpdatedOnCreate, String webhookUrl) {
        this.directory = directory;
        this.sender = sender;
        this.fireUpdatedOnCreate = fireUpdatedOnCreate;
        this.webhookUrl = webhookUrl;
    }

    void setWebhookUrl(String url) {
        this.webhookUrl = url == null || url.isBlank() ? null : url.strip();
    }

    /** Where the case-closed rule posts; null disables it. Placeholders are substituted like the others'. */
    void setCaseClosedUrl(String url) {
        this.caseClosedUrl = url == null || url.isBlank() ? null : url.strip();
    }

    String caseClosedUrl() {
        return caseClosedUrl;
    }

    /** Where the rules post, placeholders unfilled; null while disabled. */
    String webhookUrl() {
        return webhookUrl;
    }

    boolean enabled() {
        return webhookUrl != null;
    }

    /** Creation is a change too, so real Omnidesk may fire both rules for one first message. */
    void caseCreated(SandboxCase c, List<SandboxMessage> thread, CompletionStage<?> responded) {
        fire(RuleTemplate.NEW_CASE, c, thread, responded);
        if (fireUpdatedOnCreate) {
            fire(RuleTemplate.UPDATED_CASE, c, thread, responded);
        }
    }

    void caseUpdated(SandboxCase c, List<SandboxMessage> thread, CompletionStage<?> responded) {
        fire(RuleTemplate.UPDATED_CASE, c, thread, responded);
    }

    /** Unlike the bot-label rules it fires for every case: whoever closed it, the channel's customer must know. */
    void caseClosed(SandboxCase c, List<SandboxMessage> thread, CompletionStage<?> responded) {
        String url = caseClosedUrl;
        if (url != null) {
            post(RuleTemplate.CASE_CLOSED, url, c, thread, responded);
        }
    }

    private void fire(RuleTemplate rule, SandboxCase c, List<SandboxMessage> thread, CompletionStage<?> responded) {
        String url = webhookUrl;
        if (url == null || !c.hasLabel(Directory.BOT_LABEL_ID)) {
            return;
        }
        post(rule, url, c, thread, responded);
    }

    private void post(RuleTemplate rule, String url, SandboxCase c, List<SandboxMessage> thread,
                      CompletionStage<?> responded) {
        // Rendered now, not at delivery time: the webhook describes the case as this change left it.
        Map<String, String> values = placeholders(c, thread);
        sender.send(c.caseId(), rule, RuleTemplate.substitute(url, values), rule.render(values), responded);
    }

    private Map<String, String> placeholders(SandboxCase c, List<SandboxMessage> thread) {
        Directory.User user = directory.user(c.userId())
                .orElse(new Directory.User(c.userId(), "", "", "", "", ""));
        Map<String, String> values = new HashMap<>();
        values.put("case_id", Long.toString(c.caseId()));
        values.put("case_number", c.caseNumber());
        values.put("subject", c.subject());
        values.put("status", c.status());
        values.put("group_id", Long.toString(c.groupId()));
        values.put("staff_id", Long.toString(c.staffId()));
        values.put("user_id", Long.toString(user.userId()));
        values.put("user_email", user.email());
        values.put("user_full_name", user.fullName());
        values.put("user_phone", user.phone());
        values.put("user_custom_id", user.customId());
        values.put("case_description", thread.isEmpty() ? "" : thread.get(0).text());
        values.put("last_message", thread.isEmpty() ? "" : thread.get(thread.size() - 1).text());
        return values;
    }
}
