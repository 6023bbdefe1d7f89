package dev.omnibridge.webhook;

import java.util.List;

/** The two rule templates from the Omnidesk integration guide, filled by raw text substitution as Omnidesk does. */
final class SeedTemplates {

    /** Rule for new cases. */
    static final String NEW_CASE = """
            {
            "event": "new_message",
            "message": {
                "kind": "visitor",
                "text": "[case_description]"
            },
            "visitor": {
                "id": "[user_id]",
                "fields": {
                    "email": "[user_email]",
                    "id": "[user_id]",
                    "name": "[user_full_name]",
                    "phone": "[user_phone]"
                }
            },
            "chat_id": [case_id]
            }
            """;

    /** Rule for updated cases: same shape, last message instead of the description. */
    static final String UPDATED_CASE = NEW_CASE.replace("[case_description]", "[last_message]");

    /** The guide's second copy of the updated-case body really lacks its final brace. */
    static final String UPDATED_CASE_NO_LAST_BRACE = UPDATED_CASE.substring(0, UPDATED_CASE.lastIndexOf('}'));

    static final List<String> ALL = List.of(NEW_CASE, UPDATED_CASE);

    private SeedTemplates() {
    }

    static String fill(String template, String text, String caseId) {
        return fill(template, text, "Анна Петрова", caseId);
    }

    /** Placeholders replaced verbatim; the customer's text last so nothing in it is substituted again. */
    static String fill(String template, String text, String name, String caseId) {
        return template
                .replace("[user_id]", "8812")
                .replace("[user_email]", "anna@example.com")
                .replace("[user_full_name]", name)
                .replace("[user_phone]", "+7 900 123-45-67")
                .replace("[case_id]", caseId)
                .replace("[case_description]", text)
                .replace("[last_message]", text);
    }
}
