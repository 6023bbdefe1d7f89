package dev.omnibridge.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Immutable snapshot of an Omnidesk case, field names as in the API ({@code case_id} → {@code caseId}).
 *
 * @param staffId  assignee, 0 = none
 * @param closedAt null while the case is not closed (the API shows {@code "-"})
 */
public record SandboxCase(
        long caseId,
        String caseNumber,
        String subject,
        long userId,
        long staffId,
        long groupId,
        String status,
        String priority,
        String channel,
        List<Long> labels,
        Map<String, String> customFields,
        long languageId,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt) {

    public SandboxCase {
        labels = List.copyOf(labels);
        customFields = Map.copyOf(customFields);
    }

    public boolean hasLabel(long labelId) {
        return labels.contains(labelId);
    }

    SandboxCase withStatus(String newStatus, Instant now) {
        Instant closed = "closed".equals(newStatus) ? (closedAt != null ? closedAt : now) : null;
        return new SandboxCase(caseId, caseNumber, subject, userId, staffId, groupId, newStatus, priority, channel,
                labels, customFields, languageId, createdAt, now, closed);
    }

    SandboxCase withUpdatedAt(Instant now) {
        return new SandboxCase(caseId, caseNumber, subject, userId, staffId, groupId, status, priority, channel,
                labels, customFields, languageId, createdAt, now, closedAt);
    }
}
