package dev.omnibridge.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/** A case id as read from the body or the URL: absent, invalid, or a positive long. */
record ChatId(Status status, long value) {

    enum Status { ABSENT, INVALID, VALID }

    private static final ChatId ABSENT = new ChatId(Status.ABSENT, 0);
    private static final ChatId INVALID = new ChatId(Status.INVALID, 0);
    /** Long.MAX_VALUE has 19 digits; anything longer cannot fit, so don't even parse it. */
    private static final int MAX_DIGITS = 19;

    boolean isValid() {
        return status == Status.VALID;
    }

    boolean isInvalid() {
        return status == Status.INVALID;
    }

    /** Null, blank or whitespace: absent. Otherwise decimal digits (surrounding spaces allowed). */
    static ChatId fromText(String text) {
        if (text == null || text.isBlank()) {
            return ABSENT;
        }
        String digits = stripLeadingZeros(text.strip());
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(ChatId::isAsciiDigit)) {
            return INVALID;
        }
        try {
            return of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return INVALID; // 19 digits above Long.MAX_VALUE
        }
    }

    /** A number or a numeric string; null, missing and "" count as absent (an empty placeholder). */
    static ChatId fromNode(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return ABSENT;
        }
        if (node.isTextual()) {
            return fromText(node.textValue());
        }
        if (node.isIntegralNumber()) {
            BigInteger v = node.bigIntegerValue();
            return v.bitLength() < Long.SIZE ? of(v.longValue()) : INVALID;
        }
        return INVALID;
    }

    private static ChatId of(long value) {
        return value > 0 ? new ChatId(Status.VALID, value) : INVALID;
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
