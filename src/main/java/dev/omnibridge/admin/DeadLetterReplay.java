package dev.omnibridge.admin;

import dev.omnibridge.omnidesk.DeadLetter;
import dev.omnibridge.omnidesk.DeadLetterStore;
import dev.omnibridge.webhook.RejectedRequestException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the admin endpoints show and replay: the letters to replay, and the report of a replay. The replay itself is
 * the {@code dead-letters-replay} route (a split over the letters through the same write path as live traffic).
 */
public class DeadLetterReplay {

    /** What each letter's replay ends with (the split's body per letter). */
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    private DeadLetterStore store;

    public void setStore(DeadLetterStore store) {
        this.store = store;
    }

    /** The one letter with this id, as a list for the replay; 404 when there is none. */
    public List<DeadLetter> one(String id) throws IOException {
        return List.of(store.find(id)
                .orElseThrow(() -> new RejectedRequestException(404, "not-found", "No dead letter with that id")));
    }

    public Map<String, Object> listing() throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        List<DeadLetter> letters = store.list();
        answer.put("count", letters.size());
        answer.put("deadLetters", letters);
        return answer;
    }

    /** The answer to a replay, from what each letter's replay ended with. */
    public Map<String, Object> report(List<String> outcomes) throws IOException {
        long delivered = outcomes.stream().filter(DELIVERED::equals).count();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("replayed", outcomes.size());
        answer.put("delivered", delivered);
        answer.put("failed", outcomes.size() - delivered);
        answer.put("remaining", store.size());
        return answer;
    }
}
