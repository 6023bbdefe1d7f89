package dev.omnibridge.setup;

import dev.omnibridge.setup.RuleBodies;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code setup} command: prints, for the configured public URL and webhook secret, exactly what the administrator
 * types into Omnidesk: the preparation steps (bot staff member, API key, bot label, group) and the two rules (new and
 * updated cases) with their conditions, method, URL and request bodies. The bodies are the original integration's
 * templates, verbatim. With {@code telegram.enabled=true} it adds Variant 2: the custom channel, its URL and the
 * case-closed rule. Works offline: it calls nothing.
 *
 * <p>The URL contains the webhook secret on purpose, since the administrator has to type it; the output says that the
 * URL is a credential, and {@code --mask} prints it without the secret.
 */
public final class SetupGuide {

    /** The same minimum as the start-up check: shorter is guessable through the URL. */
    public static final int MIN_SECRET_LENGTH = 16;

    /** The rule webhook's path on the bridge; the secret follows. */
    public static final String WEBHOOK_PATH = "/webhooks/omnidesk/";

    /** The custom channel's path on the bridge (Variant 2); the secret follows, and nothing else. */
    public static final String CHANNEL_PATH = "/webhooks/omnidesk-channel/";

    /** Omnidesk substitutes the variable in the URL too; the bridge reads the case id from it. */
    public static final String URL_QUERY = "?case_id=[case_id]";

    /** Body of the rule for new cases (Webim bot API 2.0 {@code new_message}), as in the original setup guide. */
    public static final String NEW_CASE_BODY = RuleBodies.NEW_CASE;

    /** Body of the rule for updated cases: the same with {@code [last_message]}. */
    public static final String UPDATED_CASE_BODY = RuleBodies.UPDATED_CASE;

    /** Body of the custom channel's case-closed rule (Variant 2). */
    public static final String CASE_CLOSED_BODY = RuleBodies.CASE_CLOSED;

    static final String MASK = "<webhook.secret>";
    static final String SECRET_PLACEHOLDER = "<WEBHOOK_SECRET>";
    static final String PUBLIC_URL_PLACEHOLDER = "<BRIDGE_PUBLIC_URL>";
    static final String CUT = "-----8<-----";

    private static final Pattern PUBLIC_URL = Pattern.compile("https?://[^/?#\\s]+(/[^?#\\s]*)?");
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern LOOPBACK = Pattern.compile("http://(localhost|127\\.[0-9.]+|\\[::1])(:\\d+)?(/.*)?");

    /**
     * The rendered guide.
     *
     * @param complete false when the URL had to be printed with a placeholder or from a setting the bridge rejects
     */
    public record Guide(String text, List<String> warnings, boolean complete) {}

    private SetupGuide() {}

    /** Prints the guide; returns 0 when it is complete, 1 when it has placeholders (see the warnings at its top). */
    public static int run(SettingValues settings, boolean mask, PrintStream out) {
        Guide guide = render(settings, mask);
        out.print(guide.text());
        out.flush();
        return guide.complete() ? 0 : 1;
    }

    public static Guide render(SettingValues settings, boolean mask) {
        List<String> warnings = new ArrayList<>();
        boolean complete = true;

        String publicUrl = stripSlash(settings.get("bridge.public-url"));
        if (publicUrl.isEmpty()) {
            warnings.add(SettingValues.named("bridge.public-url") + " is not set, so the URL starts with "
                    + PUBLIC_URL_PLACEHOLDER + ": set it to the address Omnidesk reaches the bridge at, like "
                    + "https://bot.acme.ru, and run setup again.");
            publicUrl = PUBLIC_URL_PLACEHOLDER;
            complete = false;
        } else if (!validPublicUrl(publicUrl)) {
            warnings.add("bridge.public-url=" + publicUrl + " does not look like https://bot.acme.ru; fix it and "
                    + "run setup again.");
            complete = false;
        } else if (cleartext(publicUrl)) {
            warnings.add("bridge.public-url is plain http: the URL carries the webhook secret in clear text. "
                    + "Put the bridge behind https.");
        }

        String secret = settings.get("webhook.secret");
        if (secret.isEmpty()) {
            warnings.add(SettingValues.named("webhook.secret") + " is not set, so the URL has "
                    + SECRET_PLACEHOLDER + ": generate one (for example: openssl rand -hex 24), set it, and run "
                    + "setup again.");
            secret = SECRET_PLACEHOLDER;
            complete = false;
        } else if (secret.length() < MIN_SECRET_LENGTH || !urlSafe(secret)) {
            warnings.add("webhook.secret must be at least " + MIN_SECRET_LENGTH + " letters, digits, '-' or '_' "
                    + "(for example: openssl rand -hex 24); the bridge will not accept this one.");
            complete = false;
        }
        if (mask) {
            secret = MASK;
        }

        String url = webhookUrl(publicUrl, secret);
        String label = settings.get("omnidesk.bot-label-name");
        if (label.isEmpty()) {
            label = "bot";
        }
        String text = text(url, label, mask, warnings);
        if (settings.flag("telegram.enabled")) {
            text += variant2(channelUrl(publicUrl, secret), settings.get("omnidesk.custom-channel"), mask);
        }
        return new Guide(text, List.copyOf(warnings), complete);
    }

    private static String text(String url, String label, boolean masked, List<String> warnings) {
        StringBuilder out = new StringBuilder();
        out.append("""
                Omnidesk setup for the bot bridge
                =================================
                What to type into Omnidesk's admin panel. The settings named below are the bridge's
                (application.properties or environment variables); 'check' verifies them against the account.
                """);
        for (String warning : warnings) {
            out.append("\nWARNING: ").append(warning).append('\n');
        }
        out.append("\nWebhook URL, the same in both rules:\n\n    ").append(url).append("\n\n");
        if (masked) {
            out.append("""
                        The secret is masked: run setup without --mask to see the URL to type.
                    """);
        } else {
            out.append("""
                        This URL is a credential: it contains webhook.secret, and whoever knows it can post
                        messages to the bot as if they were your customers. Type it into Omnidesk and nowhere
                        else; 'setup --mask' prints this guide without the secret.
                    """);
        }
        out.append("""

                    [case_id] is an Omnidesk variable: type it as it is, square brackets included.

                Steps
                -----
                1. Bot staff member (admin → Staff). Create a staff member for the bot, for example "Bot" with
                   its own e-mail, with access to all channels. The bridge calls the API as this member and
                   replies in its name.
                   Settings: omnidesk.staff-email = its e-mail, and omnidesk.bot-staff-email = the same e-mail
                   (or omnidesk.bot-staff-id = its id).
                2. API key (admin → Settings → API). Enable the API and copy the key.
                   Setting: omnidesk.api-key (OMNIDESK_API_KEY). Keep it secret, like a password.
                3. Bot label (admin → Labels). Create the label "%1$s". A case with this label belongs to the bot:
                   the bridge removes the label when it hands the case to a person or a person writes in it, and
                   an operator adds it back to return the case to the bot.
                   Setting: omnidesk.bot-label-name = %1$s (or omnidesk.bot-label-id = its id).
                4. Group (admin → Groups). If the bot needs a group of its own (for example, to try it on one
                   test channel), create it. Connect the channels the bot should answer and choose that group in
                   each channel's settings.
                5. Handoff targets (optional). Where a case goes when the bot hands it to a person:
                   omnidesk.operator-group-name (a group), omnidesk.operator-label-name (a label to add),
                   omnidesk.operator-staff-email (a person to assign it to). Create them first if they are new.
                6. Rules (admin → Channels → Rules). Create the two rules below.
                7. Run 'java -jar bridge.jar check'. It logs in with the settings above, finds the ids by name
                   and says, in plain words, what is missing.

                Rule 1: new cases
                -----------------
                Rule for:    new cases
                Name:        Bot: new case (any name will do)
                Conditions:  Channel is one of the channels the bot answers
                             Group is the group from step 4
                Actions:     Add label "%1$s"
                             Send webhook
                               Method:  POST
                               URL:     %2$s
                               Body:    the text between the %3$s lines, exactly:
                %3$s
                %4$s
                %3$s

                Rule 2: updated cases
                ---------------------
                Rule for:    updated cases
                Name:        Bot: updated case (any name will do)
                Conditions:  Channel is one of the channels the bot answers (as in rule 1)
                             Labels include "%1$s" (the case has the bot label)
                Actions:     Send webhook
                               Method:  POST
                               URL:     %2$s
                               Body:    the text between the %3$s lines, exactly:
                %3$s
                %5$s
                %3$s

                Notes
                -----
                - The two bodies differ in one variable: [case_description] in rule 1, [last_message] in
                  rule 2. Keep every quote as shown; "chat_id": [case_id] has none.
                - Rule 1 adds the label so that rule 2 follows the conversation. If your rules cannot add a
                  label and send a webhook in one rule, add the label with a separate rule for new cases
                  placed above rule 1.
                - Rule 2 fires on every change of a case: customer replies, but also operators' replies, notes,
                  label edits and the bot's own replies, all as "kind": "visitor". The bridge reads the case's
                  messages to learn who wrote each one (webhook.author-check=messages, 1 API unit per burst),
                  answers customers only, and steps back when an operator writes in a bot case.
                - Without the label condition, rule 2 would send the bot every case of the channel, including
                  the ones operators are answering.
                - Only if rule 2 can be limited to customer replies may you set webhook.author-check=none and
                  save that read.
                """.formatted(label, url, CUT, NEW_CASE_BODY, UPDATED_CASE_BODY));
        return out.toString();
    }

    /** The custom channel (telegram.enabled=true): what to create, its URL, its key and the case-closed rule. */
    private static String variant2(String channelUrl, String channelKey, boolean masked) {
        String current = channelKey.isEmpty() ? "not set yet" : "now " + channelKey;
        return """

                Variant 2 (Telegram)
                --------------------
                telegram.enabled=true: the Telegram bot talks to the customers, and the bridge opens an
                Omnidesk case only when the bot hands a conversation to a person. That case lives in a custom
                channel: operators answer it in Omnidesk as usual, Omnidesk posts their replies to the bridge,
                and the bridge sends them to the Telegram chat.

                Channel URL, the same in the channel's settings and in rule 3:

                    %1$s

                    %2$s
                    No [case_id] here: Omnidesk sends the case in the request body.

                1. Custom channel (admin → Channels → Custom channel). Create one, for example "Telegram bot";
                   the type async (like e-mail) is fine. In its settings, set the URL to the channel URL above.
                2. Channel key. Omnidesk shows the new channel's key, like cch12: the bridge opens its cases
                   in that channel. Set %3$s to it (%4$s).
                3. Telegram bot. Set telegram.token (TELEGRAM_TOKEN) to the bot's token from @BotFather.
                4. Leave the custom channel out of the "Channel is" conditions of rules 1 and 2: its cases are
                   the ones the bot has already handed to a person.
                5. Create rule 3 below, then run 'java -jar bridge.jar check': it finds the channel by its key
                   and compares its URL with the one above.

                Rule 3: case closed (custom channel)
                ------------------------------------
                Rule for:    updated cases
                Name:        Bot: case closed (any name will do)
                Conditions:  Channel is the custom channel from step 1
                             Status changed to "closed"
                Actions:     Send webhook
                               Method:  POST
                               URL:     %1$s
                               Body:    the text between the %5$s lines, exactly:
                %5$s
                %6$s
                %5$s

                - Rule 3 gives the Telegram chat back to the bot when an operator closes the case.
                  [user_custom_id] is the Telegram chat id the bridge gave the customer: keep the quotes
                  around it, and none around [case_id].
                """.formatted(channelUrl, masked ? "The secret is masked, as above."
                        : "A credential too: it contains webhook.secret, like the rule URL.",
                SettingValues.named("omnidesk.custom-channel"), current, CUT, CASE_CLOSED_BODY);
    }

    /** {@code {publicUrl}/webhooks/omnidesk/{secret}?case_id=[case_id]}. */
    public static String webhookUrl(String publicUrl, String secret) {
        return stripSlash(publicUrl) + WEBHOOK_PATH + secret + URL_QUERY;
    }

    /** {@code {publicUrl}/webhooks/omnidesk-channel/{secret}}: where the custom channel and rule 3 post. */
    public static String channelUrl(String publicUrl, String secret) {
        return stripSlash(publicUrl) + CHANNEL_PATH + secret;
    }

    static boolean validPublicUrl(String url) {
        return PUBLIC_URL.matcher(url).matches();
    }

    /** Plain http to anything but this machine. */
    static boolean cleartext(String url) {
        return url.startsWith("http://") && !LOOPBACK.matcher(url).matches();
    }

    static boolean urlSafe(String secret) {
        return URL_SAFE.matcher(secret).matches();
    }

    static String stripSlash(String url) {
        String stripped = url.strip();
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
