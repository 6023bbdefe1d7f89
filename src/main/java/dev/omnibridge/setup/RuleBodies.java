package dev.omnibridge.setup;

/**
 * The two Omnidesk rule bodies the bridge is built for: the original integration's templates (Webim bot API 2.0
 * {@code new_message} shape), verbatim. The setup guide prints them; the sandbox's rules send them.
 */
public final class RuleBodies {

    /** The rule for new cases: the first message is {@code [case_description]}. */
    public static final String NEW_CASE = body("[case_description]");

    /** The rule for updated cases: the same with {@code [last_message]}. */
    public static final String UPDATED_CASE = body("[last_message]");

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
