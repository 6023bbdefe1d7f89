package dev.omnibridge.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Header;

/**
 * Authenticates the rule webhook by the secret in its URL ({@code /webhooks/omnidesk/{secret}}): Omnidesk signs
 * nothing, so the URL is the credential. Compared in constant time; the secret header is removed at once so that
 * nothing downstream can log it.
 */
public class WebhookGuard {

    /** The reason of a webhook with the wrong secret (answer and counter). */
    public static final String FORBIDDEN = "forbidden";

    static final String SECRET_HEADER = "secret";

    private byte[] secret = new byte[0];

    public void setSecret(String secret) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** @param given the secret from the webhook's URL path */
    public void authenticate(@Header(SECRET_HEADER) String given) {
        boolean ok = secret.length > 0 && given != null
                && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new RejectedRequestException(403, FORBIDDEN, "Unknown webhook secret");
        }
    }
}
