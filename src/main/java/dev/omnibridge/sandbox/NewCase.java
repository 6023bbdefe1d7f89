package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.SandboxException;
import java.util.List;

/** A case to open: its customer, first (client) message and initial routing ({@code staffId} 0: unassigned). */
record NewCase(long userId, String subject, String content, String contentHtml, String channel,
               List<Long> labels, long groupId, long staffId, long languageId) {

    NewCase {
        content = content == null ? "" : content;
        contentHtml = contentHtml == null ? "" : contentHtml;
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (content.isBlank() && contentHtml.isBlank()) {
            throw SandboxException.badRequest("content_required");
        }
        if (subject == null || subject.isBlank()) {
            subject = subjectFrom(content.isBlank() ? Html.toText(contentHtml) : content);
        }
    }

    /** Omnidesk cases always have a subject; a chat's is its first words. */
    private static String subjectFrom(String text) {
        String firstLine = text.strip().lines().findFirst().orElse("");
        return firstLine.length() <= 60 ? firstLine : firstLine.substring(0, 57) + "...";
    }
}
