package dev.omnibridge.bot.scenario;

import java.util.ArrayList;
import java.util.List;

/** One thing a customer may ask about: how to recognise it and what to answer. */
public class Intent {

    private String id;
    private boolean handoff;
    private List<String> keywords = new ArrayList<>();
    private List<String> phrases = new ArrayList<>();
    private List<String> patterns = new ArrayList<>();
    private Text reply;
    private List<Text> replies = new ArrayList<>();
    private List<IntentButton> buttons = new ArrayList<>();

    /** Unique name, shown in logs and in the operator's handoff note. */
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    /** True: matching hands the dialog to an operator (such intents are checked before all others). */
    public boolean isHandoff() {
        return handoff;
    }

    public void setHandoff(boolean handoff) {
        this.handoff = handoff;
    }

    /** Whole words; a trailing {@code *} makes a prefix. */
    public List<String> getKeywords() {
        return keywords;
    }

    public void setKeywords(List<String> keywords) {
        this.keywords = keywords == null ? new ArrayList<>() : keywords;
    }

    /** Word sequences found anywhere in the message ({@code *} works here too). */
    public List<String> getPhrases() {
        return phrases;
    }

    public void setPhrases(List<String> phrases) {
        this.phrases = phrases == null ? new ArrayList<>() : phrases;
    }

    /** Java regular expressions over the normalized message. */
    public List<String> getPatterns() {
        return patterns;
    }

    public void setPatterns(List<String> patterns) {
        this.patterns = patterns == null ? new ArrayList<>() : patterns;
    }

    /** One reply message (or use {@link #getReplies()}). */
    public Text getReply() {
        return reply;
    }

    public void setReply(Text reply) {
        this.reply = reply;
    }

    /** Several reply messages, sent in order. */
    public List<Text> getReplies() {
        return replies;
    }

    public void setReplies(List<Text> replies) {
        this.replies = replies == null ? new ArrayList<>() : replies;
    }

    /** Choices offered after the reply (not on a handoff intent: an operator answers next). */
    public List<IntentButton> getButtons() {
        return buttons;
    }

    public void setButtons(List<IntentButton> buttons) {
        this.buttons = buttons == null ? new ArrayList<>() : buttons;
    }
}
