package dev.omnibridge.webhook;

/** Writing string content into JSON text. */
final class JsonStrings {

    private JsonStrings() {
    }

    /** Text taken literally: quotes, backslashes and control characters all escaped. */
    static void appendLiteral(StringBuilder out, String src, int from, int to) {
        for (int i = from; i < to; i++) {
            appendChar(out, src.charAt(i));
        }
    }

    /**
     * Text that is already JSON-escaped: valid escapes are kept, a backslash starting an invalid one becomes
     * a literal backslash, raw control characters get escaped.
     */
    static void appendEscaped(StringBuilder out, String src, int from, int to) {
        for (int i = from; i < to; i++) {
            int len = escapeLength(src, i, to);
            if (len > 0) {
                out.append(src, i, i + len);
                i += len - 1;
            } else {
                appendChar(out, src.charAt(i));
            }
        }
    }

    /** Length of the valid escape sequence at {@code i}, or 0 if there is none. */
    private static int escapeLength(String src, int i, int to) {
        if (src.charAt(i) != '\\' || i + 1 >= to) {
            return 0;
        }
        char e = src.charAt(i + 1);
        if (e != 'u') {
            return "\"\\/bfnrt".indexOf(e) >= 0 ? 2 : 0;
        }
        if (i + 6 > to) {
            return 0;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (Character.digit(src.charAt(k), 16) < 0) {
                return 0;
            }
        }
        return 6;
    }

    private static void appendChar(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
                if (c < 0x20) {
                    out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                } else {
                    out.append(c);
                }
            }
        }
    }
}
