package dev.omnibridge.omnidesk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, stable fingerprint of a message text. Omnidesk may re-render what the bridge sent (trim, collapse
 * whitespace, turn line breaks into spaces), so whitespace is folded before hashing; nothing else is, because a
 * customer typing the same words with other punctuation is a new message.
 */
public final class Fingerprint {

    private Fingerprint() {}

    public static String of(String text) {
        String folded = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
