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

    private Text greeting;
    private Text greetingBeforeAnswer;
    private List<Intent> intents = new ArrayList<>();
    private KnowledgeBaseSection knowledgeBase;
    private MisunderstoodSection misunderstood;

    /** Sent before the answer to the first message of a dialog; optional. */
    public Text getGreeting() {
        return greeting;
    }

    public void setGreeting(Text greeting) {
        this.greeting = greeting;
    }

    /**
     * The greeting when the first message already asks something and the answer follows it in the same message
     * (say, "Здравствуйте, {name}!" without "Чем могу помочь?"); optional, the greeting is used when it is missing.
     */
    public Text getGreetingBeforeAnswer() {
        return greetingBeforeAnswer;
    }

    public void setGreetingBeforeAnswer(Text greetingBeforeAnswer) {
        this.greetingBeforeAnswer = greetingBeforeAnswer;
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
