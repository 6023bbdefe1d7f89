package dev.omnibridge.sandbox;

import java.time.Instant;

/**
 * One request the sandbox's {@code /api} answered, whatever the outcome (401, 429 and faults included).
 *
 * @param query       raw query string, empty if none
 * @param callsLeft   the {@code api_calls_left} header of the answer: the budget left in this window
 * @param requestBody raw request body, empty if none
 */
public record RecordedCall(String method, String path, String query, int status, int callsLeft, String requestBody,
                           Instant timestamp) {

    public boolean isWrite() {
        return !"GET".equals(method) && !"HEAD".equals(method);
    }

    /** What the call costs in Omnidesk's budget, as the sandbox charges it: a read 1 unit, any write 2. */
    public int cost() {
        return isWrite() ? 2 : 1;
    }
}
