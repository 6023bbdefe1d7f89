package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.SandboxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The editable part of {@code PUT /api/cases/{id}.json}. Null means "leave as is". Labels change only through
 * {@code add_labels} / {@code delete_labels}; a plain {@code labels} array is ignored because nobody knows
 * whether real Omnidesk honours it, and a client must not come to rely on it here.
 */
record CaseEdit(
        List<Long> addLabels,
        List<Long> deleteLabels,
        Long groupId,
        Long staffId,
        String status,
        String priority,
        String subject,
        Long languageId,
        Map<String, String> customFields) {

    static final Set<String> STATUSES = Set.of("open", "waiting", "closed");
    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "critical");

    CaseEdit {
        addLabels = addLabels == null ? List.of() : List.copyOf(addLabels);
        deleteLabels = deleteLabels == null ? List.of() : List.copyOf(deleteLabels);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    static CaseEdit addLabel(long labelId) {
        return new CaseEdit(List.of(labelId), null, null, null, null, null, null, null, null);
    }

    static CaseEdit status(String status) {
        return new CaseEdit(null, null, null, null, status, null, null, null, null);
    }

    static CaseEdit deleteLabel(long labelId) {
        return new CaseEdit(null, List.of(labelId), null, null, null, null, null, null, null);
    }

    /** Rejects references to things the account does not have, before anything changes. */
    void validate(Directory directory) {
        for (long id : addLabels) {
            if (!directory.hasLabel(id)) {
                throw SandboxException.badRequest("label_not_found");
            }
        }
        if (groupId != null && !directory.hasGroup(groupId)) {
            throw SandboxException.badRequest("group_not_found");
        }
        if (staffId != null && staffId != 0 && !directory.hasStaff(staffId)) {
            throw SandboxException.badRequest("staff_not_found");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw SandboxException.badRequest("invalid_status");
        }
        if (priority != null && !PRIORITIES.contains(priority)) {
            throw SandboxException.badRequest("invalid_priority");
        }
    }

    /**
     * The edited case. {@code updatedAt} is left alone so the caller can tell a no-op edit from a change;
     * {@code now} only stamps {@code closedAt} when the edit closes the case.
     */
    SandboxCase applyTo(SandboxCase c, Instant now) {
        List<Long> labels = new ArrayList<>(c.labels());
        addLabels.stream().filter(id -> !labels.contains(id)).forEach(labels::add);
        labels.removeAll(deleteLabels);
        Map<String, String> fields = new LinkedHashMap<>(c.customFields());
        fields.putAll(customFields);
        String newStatus = status != null ? status : c.status();
        Instant closedAt = !"closed".equals(newStatus) ? null : c.closedAt() != null ? c.closedAt() : now;
        return new SandboxCase(c.caseId(), c.caseNumber(),
                subject != null ? subject : c.subject(),
                c.userId(),
                staffId != null ? staffId : c.staffId(),
                groupId != null ? groupId : c.groupId(),
                newStatus,
                priority != null ? priority : c.priority(),
                c.channel(), labels, fields,
                languageId != null ? languageId : c.languageId(),
                c.createdAt(), c.updatedAt(), closedAt);
    }
}
