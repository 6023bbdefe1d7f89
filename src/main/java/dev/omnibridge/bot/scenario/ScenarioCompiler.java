package dev.omnibridge.bot.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a parsed {@link Scenario} and turns it into a {@link CompiledScenario}. Every problem is reported as an
 * {@link IllegalArgumentException} with a one-line message an integration engineer can act on.
 */
final class ScenarioCompiler {

    static final int DEFAULT_HANDOFF_AFTER = 2;
    static final int DEFAULT_RESULTS = 1;
    static final int MAX_RESULTS = 10;
    static final int DEFAULT_EXCERPT_CHARS = 300;
    static final int MIN_EXCERPT_CHARS = 20;
    /** An article must hold half of the question's significant words. */
    static final double DEFAULT_MIN_RELEVANCE = 0.5;
    static final int MAX_EXCERPT_CHARS = 4000;

    private ScenarioCompiler() {}

    static CompiledScenario compile(Scenario scenario) {
        Template greeting = isBlank(scenario.getGreeting()) ? null : template(scenario.getGreeting(), "greeting");
        Template beforeAnswer = isBlank(scenario.getGreetingBeforeAnswer()) ? greeting
                : template(scenario.getGreetingBeforeAnswer(), "greeting-before-answer");
        List<CompiledIntent> intents = intents(scenario.getIntents());
        KbFallback kb = knowledgeBase(scenario.getKnowledgeBase());

        MisunderstoodSection misunderstood = scenario.getMisunderstood();
        if (misunderstood == null) {
            throw new IllegalArgumentException("the 'misunderstood' section is missing (it needs at least 'reply')");
        }
        int handoffAfter = misunderstood.getHandoffAfter() == null
                ? DEFAULT_HANDOFF_AFTER : misunderstood.getHandoffAfter();
        if (handoffAfter < 0) {
            throw new IllegalArgumentException(
                    "misunderstood.handoff-after must be 0 (never hand off) or more, got " + handoffAfter);
        }
        if (isBlank(misunderstood.getReply())) {
            throw new IllegalArgumentException("misunderstood.reply is missing");
        }
        Template reply = template(misunderstood.getReply(), "misunderstood.reply");
        Template handoffReply = null;
        if (!isBlank(misunderstood.getHandoffReply())) {
            handoffReply = template(misunderstood.getHandoffReply(), "misunderstood.handoff-reply");
        } else if (handoffAfter > 0) {
            throw new IllegalArgumentException("misunderstood.handoff-reply is missing (needed because handoff-after is"
                    + " " + handoffAfter + "; set handoff-after: 0 to never hand off)");
        }
        return new CompiledScenario(greeting, beforeAnswer, intents, kb, handoffAfter, reply, handoffReply);
    }

    /** Handoff intents first: "оператор, где мой заказ" is a request for a human. */
    private static List<CompiledIntent> intents(List<Intent> written) {
        List<CompiledIntent> handoffs = new ArrayList<>();
        List<CompiledIntent> others = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < written.size(); i++) {
            Intent intent = written.get(i);
            if (intent == null || isBlank(intent.getId())) {
                throw new IllegalArgumentException("intent #" + (i + 1) + " has no id");
            }
            String id = intent.getId().strip();
            if (!ids.add(id)) {
                throw new IllegalArgumentException("intent '" + id + "' is defined twice");
            }
            CompiledIntent compiled = intent(id, intent);
            (compiled.handoff() ? handoffs : others).add(compiled);
        }
        handoffs.addAll(others);
        for (CompiledIntent compiled : handoffs) {
            for (CompiledIntent.CompiledButton button : compiled.buttons()) {
                if (!ids.contains(button.intent())) {
                    throw new IllegalArgumentException("intent '" + compiled.id() + "': button '"
                            + button.text().render(Map.of()) + "' names intent '" + button.intent()
                            + "', which does not exist; intents: " + String.join(", ", ids));
                }
            }
        }
        return handoffs;
    }

    /** Enough for a menu; Telegram shows each as a button of its own row. */
    static final int MAX_BUTTONS = 10;

    private static List<CompiledIntent.CompiledButton> buttons(Intent intent, String where) {
        List<IntentButton> written = intent.getButtons();
        if (written.isEmpty()) {
            return List.of();
        }
        if (intent.isHandoff()) {
            throw new IllegalArgumentException(where + " hands over, so it cannot offer buttons (an operator answers next)");
        }
        if (written.size() > MAX_BUTTONS) {
            throw new IllegalArgumentException(where + " offers " + written.size() + " buttons; at most " + MAX_BUTTONS);
        }
        List<CompiledIntent.CompiledButton> buttons = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            IntentButton button = written.get(i);
            String at = where + " button #" + (i + 1);
            if (button == null || isBlank(button.getText())) {
                throw new IllegalArgumentException(at + " has no text");
            }
            if (isBlank(button.getIntent())) {
                throw new IllegalArgumentException(at + " names no intent (intent: <id>)");
            }
            buttons.add(new CompiledIntent.CompiledButton(template(button.getText(), at), button.getIntent().strip()));
        }
        return buttons;
    }

    private static CompiledIntent intent(String id, Intent intent) {
        String where = "intent '" + id + "'";
        List<WordSequence> words = new ArrayList<>();
        for (String keyword : intent.getKeywords()) {
            WordSequence sequence = wordSequence(keyword, where + ": keyword '" + keyword + "'");
            if (sequence.size() > 1) {
                throw new IllegalArgumentException(where + ": keyword '" + keyword
                        + "' is several words; put it under phrases");
            }
            words.add(sequence);
        }
        for (String phrase : intent.getPhrases()) {
            words.add(wordSequence(phrase, where + ": phrase '" + phrase + "'"));
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : intent.getPatterns()) {
            patterns.add(pattern(regex, where));
        }
        if (words.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException(where + " has no keywords, phrases or patterns, so it can never match");
        }
        return new CompiledIntent(id, intent.isHandoff(), new IntentMatcher(words, patterns), replies(intent, where),
                buttons(intent, where));
    }

    private static WordSequence wordSequence(String text, String where) {
        try {
            return WordSequence.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " " + e.getMessage());
        }
    }

    private static Pattern pattern(String regex, String where) {
        if (isBlank(regex)) {
            throw new IllegalArgumentException(where + " has an empty pattern");
        }
        Pattern pattern;
        try {
            pattern = IntentMatcher.compilePattern(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + " has an invalid regex '" + regex + "': " + e.getDescription());
        }
        if (pattern.matcher("").find()) {
            throw new IllegalArgumentException(where + ": pattern '" + regex
                    + "' matches an empty text, so it would match every message");
        }
        return pattern;
    }

    private static List<Template> replies(Intent intent, String where) {
        boolean hasReply = intent.getReply() != null;
        boolean hasReplies = !intent.getReplies().isEmpty();
        if (hasReply && hasReplies) {
            throw new IllegalArgumentException(where + " has both 'reply' and 'replies'; use one of them");
        }
        List<Text> texts = hasReply ? List.of(intent.getReply()) : intent.getReplies();
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(where + " has no 'reply' (or 'replies')");
        }
        List<Template> templates = new ArrayList<>();
        for (Text text : texts) {
            if (isBlank(text)) {
                throw new IllegalArgumentException(where + " has an empty reply");
            }
            templates.add(template(text, where + " reply"));
        }
        return templates;
    }

    private static KbFallback knowledgeBase(KnowledgeBaseSection section) {
        if (section == null || Boolean.FALSE.equals(section.getEnabled())) {
            return null;
        }
        int results = section.getResults() == null ? DEFAULT_RESULTS : section.getResults();
        if (results < 1 || results > MAX_RESULTS) {
            throw new IllegalArgumentException(
                    "knowledge-base.results must be between 1 and " + MAX_RESULTS + ", got " + results);
        }
        int excerptChars = section.getExcerptChars() == null ? DEFAULT_EXCERPT_CHARS : section.getExcerptChars();
        if (excerptChars != 0 && (excerptChars < MIN_EXCERPT_CHARS || excerptChars > MAX_EXCERPT_CHARS)) {
            throw new IllegalArgumentException("knowledge-base.excerpt-chars must be 0 (title and link only) or "
                    + "between " + MIN_EXCERPT_CHARS + " and " + MAX_EXCERPT_CHARS + ", got " + excerptChars);
        }
        Template intro = template(section.getIntro() == null ? Text.of("") : section.getIntro(), "knowledge-base.intro");
        double minRelevance = section.getMinRelevance() == null ? DEFAULT_MIN_RELEVANCE : section.getMinRelevance();
        if (minRelevance <= 0 || minRelevance > 1) {
            throw new IllegalArgumentException(
                    "knowledge-base.min-relevance must be more than 0 and at most 1, got " + minRelevance);
        }
        return new KbFallback(results, excerptChars, intro, minRelevance);
    }

    private static Template template(Text text, String where) {
        try {
            return Template.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static boolean isBlank(Text text) {
        return text == null || text.isBlank();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
