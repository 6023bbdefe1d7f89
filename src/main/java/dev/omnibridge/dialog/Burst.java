package dev.omnibridge.dialog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.omnibridge.dialog.WebhookEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhooks of one case that arrived close together (a customer typing several lines, both rules firing for one
 * message, a label edit right after a reply), handled as one turn. Built by {@link BurstCollector}.
 *
 * @param events         the webhooks in arrival order
 * @param journalEntries their intake journal entries, completed together once the turn is done
 * @param recovered      true when one of them was accepted before a restart and is handled again
 */
public record Burst(long caseId, List<WebhookEvent> events, List<String> journalEntries, boolean recovered) {

    public Burst {
        events = List.copyOf(events);
        journalEntries = List.copyOf(journalEntries);
    }

    public static Burst of(WebhookEvent event, String journalEntry, boolean recovered) {
        return new Burst(event.caseId(), List.of(event),
                journalEntry == null ? List.of() : List.of(journalEntry), recovered);
    }

    public Burst plus(WebhookEvent event, String journalEntry, boolean alsoRecovered) {
        List<WebhookEvent> more = new ArrayList<>(events);
        more.add(event);
        List<String> entries = new ArrayList<>(journalEntries);
        if (journalEntry != null) {
            entries.add(journalEntry);
        }
        return new Burst(caseId, more, entries, recovered || alsoRecovered);
    }

    @JsonIgnore
    public WebhookEvent first() {
        return events.get(0);
    }

    @JsonIgnore
    public WebhookEvent last() {
        return events.get(events.size() - 1);
    }

    @JsonIgnore
    public int size() {
        return events.size();
    }
}
