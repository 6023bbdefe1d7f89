package dev.omnibridge.bot.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenario file as written (kebab-case YAML keys). Only shape lives here; {@link ScenarioCompiler} checks the
 * content and fills in defaults. See the README, "Scenario bot".
 *
 * <p>The model classes are plain beans rather than records on purpose: Jackson buffers the unknown keys of a
 * record until the end of its mapping, so the error would point at the wrong line.
 */
public class Scenario {

    private String greeting;
    private List<Intent> intents = new ArrayList<>();
    private KnowledgeBaseSection knowledgeBase;
    private MisunderstoodSection misunderstood;

    /** Sent before the answer to the first message of a dialog; optional. */
    public String getGreeting() {
        return greeting;
    }

    public void setGreeting(String greeting) {
        this.greeting = greeting;
    }

    /** Matched handoff intents first, then the others in file order. */
    public List<Intent> getIntents() {
        return intents;
    }

    public void setIntents(List<Intent> intents) {
        this.intents = intents == null ? new ArrayList<>() : intents;
    }

    /** The fallback when no intent matches; null = off. */
    public KnowledgeBaseSection getKnowledgeBase() {
        return knowledgeBase;
    }

    public void setKnowledgeBase(KnowledgeBaseSection knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    /** What to say when nothing helped, and when to give up. */
    public MisunderstoodSection getMisunderstood() {
        return misunderstood;
    }

    public void setMisunderstood(MisunderstoodSection misunderstood) {
        this.misunderstood = misunderstood;
    }
}
