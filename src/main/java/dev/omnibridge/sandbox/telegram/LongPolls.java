package dev.omnibridge.sandbox.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code getUpdates} calls waiting for an update. Each waits on a timer, never on a thread: the event loop keeps
 * serving everyone else. A new update wakes them all to poll again; the Bot API ends them with 409 when a newer
 * call comes (as Telegram does when two bot instances poll) or a webhook is set.
 */
final class LongPolls {

    static final String TERMINATED = "terminated by other getUpdates request; make sure that only one bot instance"
            + " is running";

    /** One waiting call: how to poll again, how to answer it, how to refuse it. */
    private final class Waiter {
        final Context context;
        final Supplier<List<ObjectNode>> poll;
        final Consumer<List<ObjectNode>> answer;
        final Consumer<BotError> refuse;
        long timer;

        Waiter(Context context, Supplier<List<ObjectNode>> poll, Consumer<List<ObjectNode>> answer,
               Consumer<BotError> refuse) {
            this.context = context;
            this.poll = poll;
            this.answer = answer;
            this.refuse = refuse;
        }

        void pollAgain() {
            List<ObjectNode> updates = poll.get();
            if (!updates.isEmpty() && leave(this)) {
                answer.accept(updates);
            }
        }
    }

    private final Vertx vertx;
    private final List<Waiter> waiting = new ArrayList<>();

    LongPolls(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Answers with the first non-empty poll within {@code seconds}, or with what the last poll found then.
     * Must be called on the request's event loop; {@code gone} is run if the client hangs up first.
     */
    void await(int seconds, Supplier<List<ObjectNode>> poll, Consumer<List<ObjectNode>> answer,
               Consumer<BotError> refuse, Consumer<Runnable> onGone) {
        Waiter waiter = new Waiter(vertx.getOrCreateContext(), poll, answer, refuse);
        synchronized (this) {
            waiting.add(waiter);
        }
        waiter.timer = vertx.setTimer(seconds * 1000L, id -> {
            if (leave(waiter)) {
                answer.accept(poll.get());
            }
        });
        onGone.accept(() -> leave(waiter));
        // An update may have arrived between the caller's own poll and this registration.
        waiter.pollAgain();
    }

    /** Something new arrived: every waiter polls again on its own event loop. */
    void wake() {
        List<Waiter> now;
        synchronized (this) {
            now = List.copyOf(waiting);
        }
        now.forEach(w -> w.context.runOnContext(v -> w.pollAgain()));
    }

    /** Ends every waiting call with this error. */
    void refuseAll(BotError error) {
        List<Waiter> now;
        synchronized (this) {
            now = List.copyOf(waiting);
        }
        now.forEach(w -> endWith(w, error));
    }

    private void endWith(Waiter w, BotError error) {
        w.context.runOnContext(v -> {
            if (leave(w)) {
                w.refuse.accept(error);
            }
        });
    }

    /** True for exactly one caller: whoever removes the waiter answers it. */
    private boolean leave(Waiter waiter) {
        synchronized (this) {
            if (!waiting.remove(waiter)) {
                return false;
            }
        }
        vertx.cancelTimer(waiter.timer);
        return true;
    }
}
