package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.SandboxException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The humans around the bridge: a customer writing in, an operator answering or relabelling in the Omnidesk UI.
 * Their actions change cases exactly like API calls do, so the rules fire the same way.
 */
final class Actors {

    private final CaseBook cases;
    private final Directory directory;
    private final boolean autoBotLabel;

    Actors(CaseBook cases, Directory directory, boolean autoBotLabel) {
        this.cases = cases;
        this.directory = directory;
        this.autoBotLabel = autoBotLabel;
    }

    /**
     * A customer opens a chat. With {@code autoBotLabel} the case lands in the Bot group with the bot label, as a
     * routing rule on a real account would put it; otherwise in Support with no label, invisible to the bot rules.
     */
    SandboxCase createCase(String text, String userName, String userEmail, CompletionStage<?> responded) {
        if (text == null || text.isBlank()) {
            throw SandboxException.badRequest("content_required");
        }
        Directory.Identity who = new Directory.Identity(userEmail, "", "", userName, "");
        Directory.User user = who.isEmpty()
                ? directory.createAnonymousUser(who.fullName())
                : directory.findOrCreateUser(who);
        List<Long> labels = autoBotLabel ? List.of(Directory.BOT_LABEL_ID) : List.of();
        long group = autoBotLabel ? Directory.BOT_GROUP_ID : Directory.SUPPORT_GROUP_ID;
        return cases.create(new NewCase(user.userId(), null, text, "", "chat", labels, group, 0, 1), responded);
    }

    SandboxMessage customerWrites(long caseId, String text, CompletionStage<?> responded) {
        SandboxCase c = cases.require(caseId);
        return cases.addMessage(caseId, CaseBook.Author.customer(c.userId()), text, "", responded);
    }

    SandboxMessage operatorWrites(long caseId, String text, CompletionStage<?> responded) {
        return operatorWrites(caseId, text, "", responded);
    }

    /** A reply written in the editor: {@code html} is what it stores, {@code text} may then be empty. */
    SandboxMessage operatorWrites(long caseId, String text, String html, CompletionStage<?> responded) {
        return cases.addMessage(caseId, CaseBook.Author.staff(Directory.OPERATOR_STAFF_ID), text, html, responded);
    }

    SandboxMessage operatorNote(long caseId, String text, CompletionStage<?> responded) {
        return cases.addNote(caseId, Directory.OPERATOR_STAFF_ID, text, "", responded);
    }

    /** The operator closes the case: an ordinary edit, so the updated and case-closed rules fire. */
    SandboxCase close(long caseId, CompletionStage<?> responded) {
        return cases.edit(caseId, CaseEdit.status("closed"), responded);
    }

    SandboxCase addLabel(long caseId, long labelId, CompletionStage<?> responded) {
        return cases.edit(caseId, CaseEdit.addLabel(labelId), responded);
    }

    SandboxCase removeLabel(long caseId, long labelId, CompletionStage<?> responded) {
        return cases.edit(caseId, CaseEdit.deleteLabel(labelId), responded);
    }
}
