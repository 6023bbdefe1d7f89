package dev.omnibridge.dialog;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Maps a case to one of the dialog lanes and bounds each lane. A lane has a single consumer, so one case's messages
 * are handled one at a time in arrival order while other cases proceed on the other lanes.
 *
 * <p>The bound counts webhooks from the moment they are admitted until their turn is done, wherever they wait (the
 * lane's queue or a burst being collected): a lane with {@code capacity} unfinished webhooks admits no more, and the
 * webhook answers 503 with Retry-After.
 */
public class CaseLanes {

    private int lanes = 8;
    private int capacity = 1000;
    private AtomicIntegerArray inFlight = new AtomicIntegerArray(lanes);

    public void setLanes(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("dialog.lanes must be at least 1");
        }
        this.lanes = lanes;
        this.inFlight = new AtomicIntegerArray(lanes);
    }

    public void setCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("dialog.lane-capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public int laneOf(long caseId) {
        return (int) Math.floorMod(caseId, (long) lanes);
    }

    /** Takes a place in the case's lane for a new webhook and returns the lane; refuses when the lane is full. */
    public int admit(long caseId) {
        int lane = laneOf(caseId);
        while (true) {
            int now = inFlight.get(lane);
            if (now >= capacity) {
                throw new LaneFullException(lane);
            }
            if (inFlight.compareAndSet(lane, now, now + 1)) {
                return lane;
            }
        }
    }

    /** Takes a place whatever the lane holds: webhooks recovered after a restart were accepted already. */
    public int enter(long caseId) {
        int lane = laneOf(caseId);
        inFlight.incrementAndGet(lane);
        return lane;
    }

    /** Gives back the places of {@code webhooks} finished webhooks of the case. */
    public void release(long caseId, int webhooks) {
        int lane = laneOf(caseId);
        inFlight.updateAndGet(lane, now -> Math.max(0, now - webhooks));
    }

    /** Unfinished webhooks in all lanes. */
    public int inFlight() {
        int sum = 0;
        for (int i = 0; i < inFlight.length(); i++) {
            sum += inFlight.get(i);
        }
        return sum;
    }

    /** A lane at capacity: the webhook is refused with 503 and Retry-After. */
    public static class LaneFullException extends IllegalStateException {
        public LaneFullException(int lane) {
            super("Dialog lane " + lane + " is full");
        }
    }
}
