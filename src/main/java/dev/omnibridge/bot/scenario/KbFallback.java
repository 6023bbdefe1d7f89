package dev.omnibridge.bot.scenario;

import dev.omnibridge.bot.KnowledgeBase;
import dev.omnibridge.omnidesk.KbArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers from the knowledge base when no intent matched: an intro, then title, excerpt and link per article. */
final class KbFallback {

    private static final Logger LOG = LoggerFactory.getLogger(KbFallback.class);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s\\p{Pd}\\p{Ps},;:.…]+$");

    /** Articles fetched per search, to pick the relevant ones from: a search costs the same whatever its size. */
    static final int CANDIDATES = 10;

    private final int results;
    private final int excerptChars;
    private final Template intro;
    private final double minRelevance;

    KbFallback(int results, int excerptChars, Template intro, double minRelevance) {
        this.results = results;
        this.excerptChars = excerptChars;
        this.intro = intro;
        this.minRelevance = minRelevance;
    }

    /**
     * The answer message, or empty when the message is no question (no search at all), nothing relevant was found,
     * or the search failed. Relevant: the article holds at least {@code min-relevance} of the question's stems.
     * At most two searches: by the longest stem, then by the next one if the first found nothing relevant.
     */
    Optional<String> answer(KnowledgeBase kb, String query, Map<String, String> values, long caseId) {
        QuestionWords question = QuestionWords.of(query);
        if (!question.isQuestion(query)) {
            return Optional.empty();
        }
        List<KbArticle> found = List.of();
        try {
            // a search costs one API unit: a second one only when the first found nothing that answers
            for (String term : question.searchTerms()) {
                found = relevant(kb.search(term, CANDIDATES), question);
                if (found == null || !found.isEmpty()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // Only the exception types: their messages may carry the query, i.e. the customer's text.
            LOG.warn("Knowledge base search failed for case {} ({}); continuing as if nothing was found",
                    caseId, describe(e));
            return Optional.empty();
        }
        if (found == null) {
            return Optional.empty();
        }
        List<String> blocks = new ArrayList<>();
        for (KbArticle article : found) {
            if (article != null && blocks.size() < results) {
                String block = block(article);
                if (!block.isEmpty()) {
                    blocks.add(block);
                }
            }
        }
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        String introText = intro.render(values);
        String body = String.join("\n\n", blocks);
        return Optional.of(introText.isEmpty() ? body : introText + "\n\n" + body);
    }

    /** The articles that answer the question, most relevant first (Omnidesk's order among equals). */
    private List<KbArticle> relevant(List<KbArticle> candidates, QuestionWords question) {
        if (candidates == null) {
            return null;
        }
        List<KbArticle> kept = new ArrayList<>();
        for (KbArticle article : candidates) {
            if (article != null && question.relevance(article) >= minRelevance) {
                kept.add(article);
            }
        }
        kept.sort(java.util.Comparator.comparingDouble(question::relevance).reversed());
        return kept;
    }

    private String block(KbArticle article) {
        List<String> lines = new ArrayList<>();
        addIfPresent(lines, article.title());
        addIfPresent(lines, excerpt(article.text(), excerptChars));
        addIfPresent(lines, article.link());
        return String.join("\n", lines);
    }

    private static void addIfPresent(List<String> lines, String line) {
        if (line != null && !line.isBlank()) {
            lines.add(line.strip());
        }
    }

    /**
     * The text on one line, cut at a word boundary so that it is at most {@code max} characters including the "…".
     */
    static String excerpt(String text, int max) {
        if (text == null || max <= 0) {
            return "";
        }
        String flat = WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (flat.length() <= max) {
            return flat;
        }
        int cut = max - 1; // room for the ellipsis
        if (Character.isHighSurrogate(flat.charAt(cut - 1))) {
            cut--;
        }
        int space = flat.lastIndexOf(' ', cut); // a space at cut itself means a word ends exactly at the limit
        if (space > max / 2) {
            cut = space; // a very long first word is cut hard rather than leaving almost nothing
        }
        String head = TRAILING_PUNCTUATION.matcher(flat.substring(0, cut)).replaceAll("");
        return (head.isEmpty() ? flat.substring(0, cut) : head) + "…";
    }

    private static String describe(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            chain.append(" caused by ").append(cause.getClass().getName());
        }
        return chain.toString();
    }
}
