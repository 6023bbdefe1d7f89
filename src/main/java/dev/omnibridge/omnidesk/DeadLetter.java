package dev.omnibridge.omnidesk;

import java.util.List;

/**
 * An Omnidesk write that could not be delivered: the request as it would be sent, why it failed and how often it was
 * tried. {@code text} is the reply or note text (for the in-doubt check on replay).
 */
public record DeadLetter(String id, String operation, long caseId, String method, String path, String query,
        String body, String text, String reason, int attempts, long parkedAt, long lastAttemptAt, List<String> files) {

    public DeadLetter {
        files = files == null ? List.of() : List.copyOf(files);
    }

    DeadLetter failedAgain(String newReason, long at) {
        return new DeadLetter(id, operation, caseId, method, path, query, body, text, newReason, attempts + 1, parkedAt,
                at, files);
    }
}
