package dev.omnibridge.dialog;

import java.util.Optional;

/** Where dialog states live. In-process: in cluster mode each replica keeps the states of the cases its partitions bring, and forgets them all when the partitions move (they are read from Omnidesk again). */
public interface DialogStore {

    Optional<DialogState> find(long caseId);

    void save(DialogState state);

    long size();

    /** Forgets every state: the next turn of each case learns it from Omnidesk again. */
    void clear();
}
