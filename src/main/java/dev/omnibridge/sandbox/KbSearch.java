package dev.omnibridge.sandbox;

import dev.omnibridge.sandbox.support.SandboxException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Roughly how Omnidesk's KB search behaves from the outside: case-insensitive substring matching of the
 * query's words (3+ characters), most matched words first. Inactive articles are returned too; filtering
 * them is the client's job, as with the real API.
 */
final class KbSearch {

    static final int MIN_QUERY_LENGTH = 3;

    private KbSearch() {
    }

    static List<KbEntry> search(List<KbEntry> articles, String query) {
        if (query.strip().length() < MIN_QUERY_LENGTH) {
            throw SandboxException.badRequest("search_too_short");
        }
        List<String> words = words(query);
        return articles.stream()
                .map(a -> new Scored(a, score(a, words)))
                .filter(s -> s.score() > 0)
                .sorted(Comparator.comparingLong(Scored::score).reversed()
                        .thenComparingLong(s -> s.article().articleId()))
                .map(Scored::article)
                .toList();
    }

    private record Scored(KbEntry article, long score) {}

    private static long score(KbEntry article, List<String> words) {
        String text = article.searchableText();
        return words.stream().filter(text::contains).count();
    }

    /** Query words worth matching; a query made only of short words is matched as a whole. */
    private static List<String> words(String query) {
        String folded = KbEntry.fold(query.strip());
        List<String> words = Arrays.stream(folded.split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= MIN_QUERY_LENGTH)
                .distinct()
                .toList();
        return words.isEmpty() ? List.of(folded) : words;
    }
}
