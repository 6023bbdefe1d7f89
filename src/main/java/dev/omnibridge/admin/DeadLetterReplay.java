package dev.omnibridge.admin;

import dev.omnibridge.RouteCaller;
import dev.omnibridge.omnidesk.DeadLetter;
import dev.omnibridge.omnidesk.DeadLetterStore;
import dev.omnibridge.webhook.RejectedRequestException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Replays dead letters through {@code direct:dead-letter-replay} (the same write path as live traffic: budget,
 * retries, in-doubt check) and reports what happened. A letter that fails again stays, with its attempt counted.
 */
public class DeadLetterReplay extends RouteCaller {

    private DeadLetterStore store;

    public void setStore(DeadLetterStore store) {
        this.store = store;
    }

    public Map<String, Object> replayAll() throws IOException {
        return replay(store.list());
    }

    public Map<String, Object> replayOne(String id) throws IOException {
        DeadLetter letter = store.find(id)
                .orElseThrow(() -> new RejectedRequestException(404, "not-found", "No dead letter with that id"));
        return replay(List.of(letter));
    }

    public Map<String, Object> listing() throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        List<DeadLetter> letters = store.list();
        answer.put("count", letters.size());
        answer.put("deadLetters", letters);
        return answer;
    }

    private Map<String, Object> replay(List<DeadLetter> letters) throws IOException {
        int delivered = 0;
        int failed = 0;
        for (DeadLetter letter : letters) {
            Exchange result = producer().send("direct:dead-letter-replay", ex -> ex.getMessage().setBody(letter));
            if (result.getException() == null && !result.getProperty("replayFailed", false, Boolean.class)) {
                delivered++;
            } else {
                failed++;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("replayed", letters.size());
        answer.put("delivered", delivered);
        answer.put("failed", failed);
        answer.put("remaining", store.size());
        return answer;
    }
}
