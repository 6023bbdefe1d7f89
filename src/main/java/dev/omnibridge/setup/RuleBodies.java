package dev.omnibridge.setup;

/**
 * The Omnidesk rule bodies the bridge is built for: the original integration's two templates (Webim bot API 2.0
 * {@code new_message} shape), verbatim, and the custom channel's case-closed rule (Variant 2). The setup guide prints
 * them; the sandbox's rules send them.
 */
public final class RuleBodies {

    /** The rule for new cases: the first message is {@code [case_description]}. */
    public static final String NEW_CASE = body("[case_description]");

    /** The rule for updated cases: the same with {@code [last_message]}. */
    public static final String UPDATED_CASE = body("[last_message]");

    /**
     * The custom channel's case-closed rule: tells the bridge that an operator closed the case, so the Telegram chat
     * goes back to the bot. {@code [user_custom_id]} is the chat id the bridge gave the case's customer.
     */
    public static final String CASE_CLOSED =
            "{\"type\": \"case_closed\", \"object\": {\"case_id\": [case_id], \"custom_user_id\": \"[user_custom_id]\"}}";

    private RuleBodies() {}

    private static String body(String textVariable) {
        return """
                {
                "event": "new_message",
                "message": {
                    "kind": "visitor",
                    "text": "%s"
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
                }""".formatted(textVariable);
    }
}
