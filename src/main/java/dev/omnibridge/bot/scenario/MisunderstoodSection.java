package dev.omnibridge.bot.scenario;

/** What the bot does when neither an intent nor the knowledge base answered. */
public class MisunderstoodSection {

    private Integer handoffAfter;
    private Text reply;
    private Text handoffReply;

    /** Misunderstood messages in a row before a handoff; 0 = never (default 2). */
    public Integer getHandoffAfter() {
        return handoffAfter;
    }

    public void setHandoffAfter(Integer handoffAfter) {
        this.handoffAfter = handoffAfter;
    }

    /** The "please rephrase" answer; required. */
    public Text getReply() {
        return reply;
    }

    public void setReply(Text reply) {
        this.reply = reply;
    }

    /** Said when giving the dialog to an operator; required unless handoff-after is 0. */
    public Text getHandoffReply() {
        return handoffReply;
    }

    public void setHandoffReply(Text handoffReply) {
        this.handoffReply = handoffReply;
    }
}
