package dev.omnibridge.webhook;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last resort for a body that could not be repaired (no object at all, absurd nesting) when the URL still
 * names the case: pull the customer's text and a few fields out by pattern, without any structure.
 */
final class BestEffortExtractor {

    private static final Pattern TEXT_START = Pattern.compile("\"text\"\\s*:\\s*\"");
    /** The next template key ends the text; it must follow a comma or brace so a quoted word in the text doesn't. */
    private static final Pattern NEXT_KEY = Pattern.compile(
            "[,{]\\s*\"(?:event|message|kind|visitor|fields|id|email|name|phone|chat_id)\"\\s*:");

    private BestEffortExtractor() {
    }

    /** Text between {@code "text": "} and the last quote before the next template key that is followed by structure. */
    static Optional<String> text(String body) {
        Matcher start = TEXT_START.matcher(body);
        if (!start.find()) {
            return Optional.empty();
        }
        int from = start.end();
        Matcher next = NEXT_KEY.matcher(body);
        int boundary = next.find(from) ? next.start() : body.length();
        for (int q = body.lastIndexOf('"', boundary - 1); q >= from; q = body.lastIndexOf('"', q - 1)) {
            if (closesValue(body, q)) {
                return Optional.of(body.substring(from, q));
            }
        }
        return Optional.empty();
    }

    /** A short quoted value without inner quotes, e.g. {@code "kind": "visitor"}; empty when absent. */
    static String simpleField(String body, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"\\r\\n]{0,200})\"").matcher(body);
        return m.find() ? m.group(1) : "";
    }

    private static boolean closesValue(String body, int quote) {
        int i = quote + 1;
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        return i >= body.length() || ",}]".indexOf(body.charAt(i)) >= 0;
    }
}
