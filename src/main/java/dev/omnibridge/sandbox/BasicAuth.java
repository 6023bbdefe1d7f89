package dev.omnibridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Omnidesk's API authentication: HTTP Basic with a staff e-mail and the account API key. */
final class BasicAuth {

    private final byte[] expected;

    BasicAuth(String user, String password) {
        this.expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorizationHeader.substring(6).strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // Constant time, so the key cannot be guessed byte by byte from response times.
        return MessageDigest.isEqual(expected, given);
    }
}
