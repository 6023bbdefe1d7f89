package dev.omnibridge.dialog;

import java.util.Optional;

/** Where dialog states live. In-process today; a shared store can replace it for several replicas. */
public interface DialogStore {

    Optional<DialogState> find(long caseId);

    void save(DialogState state);

    long size();
}
