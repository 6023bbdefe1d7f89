package dev.omnibridge.bench;

import java.util.concurrent.ConcurrentHashMap;

/**
 * End-to-end bookkeeping, shared by the load driver and the stub Omnidesk (same process, same clock): when a case's
 * webhook left, when its first and its last expected reply reached the stub.
 */
final class CaseTracker implements StubOmnidesk.ReplyListener {

    interface Done {
        void done(long caseId, long sent, long firstReply, long lastReply);
    }

    private final ConcurrentHashMap<Long, long[]> open = new ConcurrentHashMap<>();
    private final int expectedReplies;
    private volatile Done onDone = (c, s, f, l) -> { };

    CaseTracker(int expectedReplies) {
        this.expectedReplies = expectedReplies;
    }

    CaseTracker onDone(Done onDone) {
        this.onDone = onDone;
        return this;
    }

    void sent(long caseId, long nanoTime) {
        open.put(caseId, new long[] {nanoTime, 0, 0, 0});
    }

    void forget(long caseId) {
        open.remove(caseId);
    }

    int openCases() {
        return open.size();
    }

    @Override
    public void reply(long caseId, long nanoTime) {
        long[] rec = open.get(caseId);
        if (rec == null) {
            return;
        }
        boolean finished;
        synchronized (rec) {
            rec[3]++;
            if (rec[3] == 1) {
                rec[1] = nanoTime;
            }
            rec[2] = nanoTime;
            finished = rec[3] == expectedReplies;
        }
        if (finished && open.remove(caseId) != null) {
            onDone.done(caseId, rec[0], rec[1], rec[2]);
        }
    }

    /** Waits (bounded) until no case is open. */
    boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return open.isEmpty();
    }
}
