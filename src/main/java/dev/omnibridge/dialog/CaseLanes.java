package dev.omnibridge.dialog;

/**
 * Maps a case to one of the dialog lanes. Each lane is a queue with a single consumer, so one case's messages are
 * handled one at a time in arrival order while other cases proceed on the other lanes.
 */
public class CaseLanes {

    private int lanes = 8;

    public void setLanes(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("dialog.lanes must be at least 1");
        }
        this.lanes = lanes;
    }

    public int laneOf(long caseId) {
        return (int) Math.floorMod(caseId, (long) lanes);
    }
}
