package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.SandboxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Cases and their messages: the only place that changes them. Each change and the rule firing (or custom channel
 * posting) it causes happen under one lock, so webhooks leave in the same order as the changes that caused them
 * (causal order).
 *
 * <p>Every mutator takes {@code responded}: deliveries caused by the change wait for it, so an API caller gets
 * its answer before the rule's webhook arrives, as with the real, queue-driven Omnidesk.
 */
final class CaseBook {

    /** Who writes a message: a customer ({@code userId}) or a staff member ({@code staffId}), never both. */
    record Author(long userId, long staffId) {

        static Author customer(long userId) {
            return new Author(userId, 0);
        }

        static Author staff(long staffId) {
            return new Author(0, staffId);
        }
    }

    private final Directory directory;
    private final RuleEngine rules;
    private final ChannelRelay channel;
    private final Clock clock;
    private final Runnable changed;
    private final Map<Long, SandboxCase> cases = new LinkedHashMap<>();
    private final Map<Long, List<SandboxMessage>> messages = new HashMap<>();
    private long nextCaseId = 5001;
    private long nextMessageId = 70_001;

    /** {@code changed} runs under the lock after every change (so it must only schedule work): the change feed. */
    CaseBook(Directory directory, RuleEngine rules, ChannelRelay channel, Clock clock, Runnable changed) {
        this.directory = directory;
        this.rules = rules;
        this.channel = channel;
        this.clock = clock;
        this.changed = changed;
    }

    synchronized SandboxCase create(NewCase req, CompletionStage<?> responded) {
        for (long id : req.labels()) {
            if (!directory.hasLabel(id)) {
                throw SandboxException.badRequest("label_not_found");
            }
        }
        if (!directory.hasGroup(req.groupId())) {
            throw SandboxException.badRequest("group_not_found");
        }
        if (req.staffId() != 0 && !directory.hasStaff(req.staffId())) {
            throw SandboxException.badRequest("staff_not_found");
        }
        Instant now = clock.instant();
        long caseId = nextCaseId++;
        SandboxCase created = new SandboxCase(caseId, caseNumber(caseId), req.subject(), req.userId(), req.staffId(),
                req.groupId(), "open", "normal", req.channel(), req.labels().stream().distinct().toList(),
                Map.of(), req.languageId(), now, now, null);
        cases.put(caseId, created);
        List<SandboxMessage> thread = new ArrayList<>();
        thread.add(message(caseId, Author.customer(req.userId()), req.content(), req.contentHtml(), false, List.of(),
                now));
        messages.put(caseId, thread);
        rules.caseCreated(created, List.copyOf(thread), responded);
        changed.run();
        return created;
    }

    /** A client or staff message; a client reply reopens the case, a staff reply leaves it waiting for the client. */
    synchronized SandboxMessage addMessage(long caseId, Author author, String content, String contentHtml,
                                           CompletionStage<?> responded) {
        return addMessage(caseId, author, content, contentHtml, List.of(), responded);
    }

    /** The same with files; a message of files alone needs no text. */
    synchronized SandboxMessage addMessage(long caseId, Author author, String content, String contentHtml,
                                           List<SandboxAttachment> attachments, CompletionStage<?> responded) {
        SandboxCase current = require(caseId);
        if (attachments.isEmpty()) {
            requireText(content, contentHtml);
        }
        if (author.staffId() != 0 && !directory.hasStaff(author.staffId())) {
            throw SandboxException.badRequest("staff_not_found");
        }
        if (author.staffId() == 0 && directory.user(author.userId()).isEmpty()) {
            throw SandboxException.badRequest("user_not_found");
        }
        Instant now = clock.instant();
        SandboxMessage added = message(caseId, author, content, contentHtml, false, attachments, now);
        String status = author.staffId() == 0 ? "open" : "waiting";
        return append(current.withStatus(status, now), added, responded);
    }

    /** An internal note: invisible to the client, but a case change all the same (the updated rule fires). */
    synchronized SandboxMessage addNote(long caseId, long staffId, String content, String contentHtml,
                                        CompletionStage<?> responded) {
        SandboxCase current = require(caseId);
        requireText(content, contentHtml);
        if (!directory.hasStaff(staffId)) {
            throw SandboxException.badRequest("staff_not_found");
        }
        Instant now = clock.instant();
        SandboxMessage added = message(caseId, Author.staff(staffId), content, contentHtml, true, List.of(), now);
        return append(current.withUpdatedAt(now), added, responded);
    }

    /** Applies an edit; an edit that changes nothing is no update and fires nothing. */
    synchronized SandboxCase edit(long caseId, CaseEdit edit, CompletionStage<?> responded) {
        SandboxCase current = require(caseId);
        edit.validate(directory);
        Instant now = clock.instant();
        SandboxCase edited = edit.applyTo(current, now);
        if (edited.equals(current)) {
            return current;
        }
        SandboxCase stamped = edited.withUpdatedAt(now);
        cases.put(caseId, stamped);
        List<SandboxMessage> thread = List.copyOf(messages.get(caseId));
        rules.caseUpdated(stamped, thread, responded);
        if (!"closed".equals(current.status()) && "closed".equals(stamped.status())) {
            rules.caseClosed(stamped, thread, responded);
        }
        changed.run();
        return stamped;
    }

    synchronized Optional<SandboxCase> find(long caseId) {
        return Optional.ofNullable(cases.get(caseId));
    }

    synchronized SandboxCase require(long caseId) {
        SandboxCase found = cases.get(caseId);
        if (found == null) {
            throw SandboxException.caseNotFound();
        }
        return found;
    }

    synchronized List<SandboxCase> all() {
        return List.copyOf(cases.values());
    }

    /** The case's messages and notes, oldest first; 404 for an unknown case. */
    synchronized List<SandboxMessage> messages(long caseId) {
        require(caseId);
        return List.copyOf(messages.get(caseId));
    }

    private SandboxMessage append(SandboxCase updated, SandboxMessage added, CompletionStage<?> responded) {
        cases.put(updated.caseId(), updated);
        List<SandboxMessage> thread = messages.get(updated.caseId());
        thread.add(added);
        rules.caseUpdated(updated, List.copyOf(thread), responded);
        if (added.staffId() != 0) {
            channel.staffWrote(updated, added, responded);
        }
        changed.run();
        return added;
    }

    private SandboxMessage message(long caseId, Author author, String content, String contentHtml, boolean note,
                                   List<SandboxAttachment> attachments, Instant now) {
        String text = content == null ? "" : content;
        String html = contentHtml == null || contentHtml.isBlank() ? Html.fromText(text) : contentHtml;
        return new SandboxMessage(nextMessageId++, caseId, author.userId(), author.staffId(), text, html, note,
                false, now, attachments);
    }

    private static void requireText(String content, String contentHtml) {
        if ((content == null || content.isBlank()) && (contentHtml == null || contentHtml.isBlank())) {
            throw SandboxException.badRequest("content_required");
        }
    }

    /** Omnidesk shows humans a "NNN-NNNNNN" number next to the numeric id. */
    private static String caseNumber(long caseId) {
        return String.format("%03d-%06d", 100 + caseId % 900, caseId);
    }
}
