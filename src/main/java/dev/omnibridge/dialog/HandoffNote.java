package dev.omnibridge.dialog;

import dev.omnibridge.bot.Handoff;
import dev.omnibridge.webhook.Visitor;
import dev.omnibridge.webhook.WebhookEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;

/** Writes the internal note an operator reads when a case is handed over: why, who, and what was said. */
public class HandoffNote {

    private ZoneId zone = ZoneId.systemDefault();

    public void setZone(String zone) {
        this.zone = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    /** Composes the note for the handoff in the exchange's {@code turn}. */
    public String compose(Exchange exchange) {
        Handoff handoff = exchange.getProperty(DialogSteps.TURN, dev.omnibridge.bot.BotTurn.class).handoff();
        DialogState dialog = exchange.getProperty(DialogSteps.DIALOG, DialogState.class);
        WebhookEvent event = exchange.getProperty(DialogSteps.EVENT, WebhookEvent.class);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("dd.MM HH:mm").withZone(zone);
        StringBuilder note = new StringBuilder("Bot handoff: ").append(handoff.reason());
        if (handoff.detail() != null && !handoff.detail().isBlank()) {
            note.append(" - ").append(handoff.detail());
        }
        Visitor visitor = event == null ? Visitor.UNKNOWN : event.visitor();
        String who = String.join(", ", java.util.stream.Stream.of(visitor.name(), visitor.email(), visitor.phone())
                .filter(s -> !s.isBlank()).toList());
        if (!who.isEmpty()) {
            note.append("\nCustomer: ").append(who);
        }
        note.append("\nTranscript:");
        for (TranscriptLine line : dialog.getTranscript()) {
            note.append("\n[").append(time.format(Instant.ofEpochMilli(line.at()))).append("] ")
                    .append(TranscriptLine.BOT.equals(line.author()) ? "Bot" : "Customer").append(": ")
                    .append(line.text());
        }
        return note.toString();
    }
}
