package dev.omnibridge.admin;

import dev.omnibridge.webhook.RejectedRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Header;

/**
 * Protects the admin endpoints with a bearer token ({@code admin.token}). Without a token they stay closed: a safe
 * default for a service whose webhook port faces the internet.
 */
public class AdminGuard {

    private byte[] token = new byte[0];

    public void setToken(String token) {
        this.token = token == null ? new byte[0] : token.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** @param header the request's {@code Authorization} header */
    public void authenticate(@Header("Authorization") String header) {
        if (token.length == 0) {
            throw new RejectedRequestException(403, "admin-disabled", "Admin endpoints are off: set admin.token");
        }
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : "";
        if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new RejectedRequestException(401, "unauthorized", "A valid bearer token is required");
        }
    }
}
