package dev.omnibridge.bot;

import dev.omnibridge.bot.Handoff;
import dev.omnibridge.dialog.TranscriptLine;
import dev.omnibridge.dialog.Visitor;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/** Writes the internal note an operator reads when a case is handed over: why, who, and what was said. */
public class HandoffNote {

    /** Omnidesk shows its accounts' times in Moscow time by default, and so does the sandbox. */
    public static final String DEFAULT_ZONE = "Europe/Moscow";

    private ZoneId zone = ZoneId.of(DEFAULT_ZONE);

    /** A zone id such as {@code Europe/Moscow}; empty means the machine's zone. */
    public void setZone(String zone) {
        this.zone = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
    }

    /** The note for {@code handoff}: reason, who the customer is, and the transcript with times in the zone. */
    public String compose(Handoff handoff, Visitor visitor, List<TranscriptLine> transcript) {
        StringBuilder note = new StringBuilder("Bot handoff: ").append(handoff.reason());
        if (handoff.detail() != null && !handoff.detail().isBlank()) {
            note.append(" - ").append(handoff.detail());
        }
        return note.append(conversation(visitor, transcript)).toString();
    }

    /** Who the customer is and the transcript (each on a line of its own, the first line break included). */
    public String conversation(Visitor visitor, List<TranscriptLine> transcript) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("dd.MM HH:mm").withZone(zone);
        StringBuilder note = new StringBuilder();
        Visitor who = visitor == null ? Visitor.UNKNOWN : visitor;
        String contact = String.join(", ", Stream.of(who.name(), who.email(), who.phone())
                .filter(s -> !s.isBlank()).toList());
        if (!contact.isEmpty()) {
            note.append("\nCustomer: ").append(contact);
        }
        // The zone is named: an operator in another city must not misread when the customer wrote.
        note.append("\nTranscript (").append(zoneName()).append("):");
        for (TranscriptLine line : transcript) {
            note.append("\n[").append(time.format(Instant.ofEpochMilli(line.at()))).append("] ")
                    .append(TranscriptLine.BOT.equals(line.author()) ? "Bot" : "Customer").append(": ")
                    .append(line.text());
        }
        return note.toString();
    }

    /** "Europe/Moscow, UTC+03:00". */
    private String zoneName() {
        String offset = zone.getRules().getOffset(Instant.now()).getId();
        return zone.getId() + ", UTC" + ("Z".equals(offset) ? "" : offset);
    }
}
