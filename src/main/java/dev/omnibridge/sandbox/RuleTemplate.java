package dev.omnibridge.sandbox;

import dev.omnibridge.setup.RuleBodies;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two rule bodies of the original integration (Webim bot API 2.0 {@code new_message} shape), verbatim, and the
 * custom channel's case-closed rule.
 * Omnidesk substitutes {@code [placeholders]} as raw text: quotes, backslashes and newlines in a customer's
 * message are not escaped, so the result is frequently invalid JSON. That is the point of reproducing it.
 */
public enum RuleTemplate {

    NEW_CASE("new-case", RuleBodies.NEW_CASE),
    UPDATED_CASE("updated-case", RuleBodies.UPDATED_CASE),
    /** The custom-channel bridge's own rule: a closed case hands the conversation back to the bot. */
    CASE_CLOSED("case-closed",
            "{\"type\": \"case_closed\", \"object\": {\"case_id\": [case_id], \"custom_user_id\": \"[user_custom_id]\"}}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[([a-z_]+)]");

    private final String ruleName;
    private final String template;

    RuleTemplate(String ruleName, String template) {
        this.ruleName = ruleName;
        this.template = template;
    }

    /** {@code "new-case"}, {@code "updated-case"} or {@code "case-closed"}, as recorded in {@link WebhookDelivery#rule()}. */
    public String ruleName() {
        return ruleName;
    }

    public String template() {
        return template;
    }

    /** This rule's body with placeholders substituted raw. */
    public String render(Map<String, String> values) {
        return substitute(template, values);
    }

    /**
     * Raw substitution in one pass, so a customer who types {@code [case_id]} gets it back literally instead of
     * having it expanded a second time. Unknown placeholders stay as they are, as an unconfigured variable would.
     */
    public static String substitute(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
