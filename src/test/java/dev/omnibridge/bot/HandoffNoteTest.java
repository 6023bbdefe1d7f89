package dev.omnibridge.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibridge.dialog.TranscriptLine;
import dev.omnibridge.dialog.Visitor;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The internal note an operator reads when the bot hands a case over. */
class HandoffNoteTest {

    // Fixed instants, so the times in the note do not depend on when or where the test runs.
    private static final long AT_0905_UTC = Instant.parse("2025-03-14T09:05:00Z").toEpochMilli();
    private static final long AT_0906_UTC = Instant.parse("2025-03-14T09:06:00Z").toEpochMilli();
    private static final long AT_2230_UTC = Instant.parse("2025-03-14T22:30:00Z").toEpochMilli();

    private static final Handoff REQUESTED = new Handoff(Handoff.REQUESTED, "the customer asked for a human");
    private static final Visitor ANNA = new Visitor("v-42", "Анна", "anna@example.com", "+79990001122");
    private static final List<TranscriptLine> TRANSCRIPT = List.of(
            new TranscriptLine(TranscriptLine.CUSTOMER, "Где мой заказ?", AT_0905_UTC),
            new TranscriptLine(TranscriptLine.BOT, "Уточните номер заказа.", AT_0906_UTC),
            new TranscriptLine(TranscriptLine.CUSTOMER, "оператор", AT_0906_UTC));

    @Test
    void byDefaultTheNoteIsInMoscowTimeAndSaysSo() {
        String note = new HandoffNote().compose(REQUESTED, ANNA, TRANSCRIPT);

        assertThat(note).isEqualTo("""
                Bot handoff: requested - the customer asked for a human
                Customer: Анна, anna@example.com, +79990001122
                Transcript (Europe/Moscow, UTC+03:00):
                [14.03 12:05] Customer: Где мой заказ?
                [14.03 12:06] Bot: Уточните номер заказа.
                [14.03 12:06] Customer: оператор""");
    }

    @Test
    void anotherZoneChangesTheTimesAndTheNamedZoneIncludingTheDate() {
        HandoffNote note = new HandoffNote();
        note.setZone(" Asia/Yekaterinburg "); // as it may come from a settings file, with spaces

        String text = note.compose(REQUESTED, ANNA, List.of(
                new TranscriptLine(TranscriptLine.CUSTOMER, "Где мой заказ?", AT_0905_UTC),
                new TranscriptLine(TranscriptLine.CUSTOMER, "Ау?", AT_2230_UTC)));

        // 22:30 UTC is already the next day in Yekaterinburg (UTC+5).
        assertThat(text).endsWith("""
                Transcript (Asia/Yekaterinburg, UTC+05:00):
                [14.03 14:05] Customer: Где мой заказ?
                [15.03 03:30] Customer: Ау?""");
    }

    @Test
    void anEmptyZoneMeansTheMachinesZone() {
        ZoneId machine = ZoneId.systemDefault();
        String expectedTime = DateTimeFormatter.ofPattern("dd.MM HH:mm").withZone(machine)
                .format(Instant.ofEpochMilli(AT_0905_UTC));

        for (String empty : new String[] {"", "   ", null}) {
            HandoffNote note = new HandoffNote();
            note.setZone(empty);

            String text = note.compose(REQUESTED, ANNA, TRANSCRIPT.subList(0, 1));

            assertThat(text).as("zone %s", empty)
                    .contains("\nTranscript (" + machine.getId() + ", UTC")
                    .endsWith("\n[" + expectedTime + "] Customer: Где мой заказ?");
        }
    }

    @Test
    void anUnknownZoneIsRefusedWhenSet() {
        // A typo in bridge.time-zone must stop the start, not produce notes in a wrong zone.
        assertThatThrownBy(() -> new HandoffNote().setZone("Europe/Moskow")).isInstanceOf(DateTimeException.class);
    }

    @Test
    void theCustomerLineHasOnlyTheKnownParts() {
        HandoffNote note = new HandoffNote();

        assertThat(note.compose(REQUESTED, new Visitor("v-1", "", "anna@example.com", "  "), TRANSCRIPT))
                .contains("\nCustomer: anna@example.com\n");
        assertThat(note.compose(REQUESTED, new Visitor("v-1", "Анна", null, "+79990001122"), TRANSCRIPT))
                .contains("\nCustomer: Анна, +79990001122\n");
        // Nothing known (or no visitor at all): no customer line, the transcript follows the reason.
        for (Visitor nobody : new Visitor[] {Visitor.UNKNOWN, new Visitor("v-1", " ", "", ""), null}) {
            assertThat(note.compose(REQUESTED, nobody, TRANSCRIPT)).as("visitor %s", nobody)
                    .startsWith("Bot handoff: requested - the customer asked for a human\nTranscript (");
        }
    }

    @Test
    void theReasonStandsAloneWithoutADetail() {
        HandoffNote note = new HandoffNote();

        assertThat(note.compose(new Handoff(Handoff.NOT_UNDERSTOOD, null), ANNA, TRANSCRIPT))
                .startsWith("Bot handoff: not-understood\nCustomer: ");
        assertThat(note.compose(new Handoff(Handoff.BOT_UNAVAILABLE, "  "), ANNA, TRANSCRIPT))
                .startsWith("Bot handoff: bot-unavailable\nCustomer: ");
    }

    @Test
    void anEmptyTranscriptEndsWithItsHeading() {
        String text = new HandoffNote().compose(new Handoff(Handoff.REQUESTED, ""), Visitor.UNKNOWN, List.of());

        assertThat(text).isEqualTo("Bot handoff: requested\nTranscript (Europe/Moscow, UTC+03:00):");
    }
}
