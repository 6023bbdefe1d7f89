package dev.omnibridge.bot.scenario;

import dev.omnibridge.omnidesk.KbArticle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The words of a customer message that say what it is about, for the knowledge base: greetings, politeness and
 * function words (Russian and English) and words under three letters are left out. Omnidesk's search matches a
 * substring, so the bot searches by one stem (a significant word without its last two letters), the longest first and
 * the second longest only when the first finds nothing relevant, and keeps only the articles that contain enough of
 * the question's stems.
 */
final class QuestionWords {

    /** Words that never make a message a question on their own. */
    private static final Set<String> NOT_SIGNIFICANT = Set.of(
            // greetings, thanks, politeness
            "здравствуйте", "здравствуй", "здрасте", "привет", "приветствую", "добрый", "доброе", "доброго", "день",
            "утро", "вечер", "спасибо", "благодарю", "пожалуйста", "подскажите", "скажите", "помогите", "хочу",
            "хотел", "хотела", "можно", "нужно", "надо", "вопрос", "вопросы", "есть", "было", "будет",
            "hello", "hey", "good", "morning", "evening", "afternoon", "thanks", "thank", "please", "question", "want",
            "need", "tell", "help",
            // function words
            "как", "какая", "какой", "какие", "какое", "каков", "что", "где", "когда", "куда", "откуда", "почему",
            "зачем", "сколько", "чем", "кто", "это", "этот", "эта", "эти", "так", "там", "тут", "уже", "еще", "ещё",
            "вас", "вам", "ваш", "ваша", "ваше", "ваши", "мне", "меня", "мой", "моя", "мое", "моё", "мои", "нас",
            "нам", "наш", "они", "оно", "она", "его", "ему", "для", "при", "про", "без", "под", "над", "или", "тоже",
            "the", "and", "are", "was", "what", "your", "you", "yours", "how", "when", "where", "which", "who",
            "why", "can", "could", "does", "did", "have", "has", "for", "with", "about", "this", "that", "there",
            "mine", "our", "its", "not", "any", "some", "will", "would", "should", "from");

    private final List<String> stems;

    private QuestionWords(List<String> stems) {
        this.stems = stems;
    }

    static QuestionWords of(String message) {
        List<String> stems = new ArrayList<>();
        for (String word : NormalizedText.of(message).words()) {
            if (word.length() >= 3 && !NOT_SIGNIFICANT.contains(word) && word.chars().anyMatch(Character::isLetter)) {
                String stem = stem(word);
                if (!stems.contains(stem)) {
                    stems.add(stem);
                }
            }
        }
        return new QuestionWords(stems);
    }

    /** "гарантия" and "гарантии" both contain "гарант"; short words are kept whole. */
    static String stem(String word) {
        return word.length() > 5 ? word.substring(0, word.length() - 2) : word;
    }

    /**
     * A message worth a knowledge-base search: two significant words, or one in a message that asks ("?").
     * "Здравствуйте", "Добрый день", "Спасибо!" and single words such as "ок" are not.
     */
    boolean isQuestion(String message) {
        return stems.size() >= 2 || stems.size() == 1 && message.contains("?");
    }

    /** What to search for, in order: the two longest stems (the most specific ones). */
    List<String> searchTerms() {
        return stems.stream().sorted(Comparator.comparingInt(String::length).reversed()).limit(2).toList();
    }

    /** Share of the question's stems found in the article's title and text (0 to 1). */
    double relevance(KbArticle article) {
        if (stems.isEmpty()) {
            return 0;
        }
        String haystack = NormalizedText.of(nullToEmpty(article.title()) + " " + nullToEmpty(article.text())).text();
        long found = stems.stream().filter(haystack::contains).count();
        return (double) found / stems.size();
    }

    List<String> stems() {
        return stems;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
