package dev.omnibridge.omnidesk;

import static dev.omnibridge.omnidesk.MessageListJson.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-doubt check: is a reply or note whose outcome is unknown already in the case? */
class DeliveryCheckTest {

    private static final long BOT = 1001;
    private static final long CUSTOMER = 300001;

    private final DeliveryCheck check = new DeliveryCheck();
    private final OmnideskRequests requests = new OmnideskRequests();

    DeliveryCheckTest() {
        check.setBotStaffId(BOT);
        check.setWriteDeadlineSeconds(120);
        requests.setBotStaffId(BOT);
    }

    @Test
    void onlyARepliesOrNotesLeftInDoubtOrReplayedAfterACrashAreLookedFor() throws Exception {
        OmnideskRequest reply = requests.reply(5001, "Доставка 1–3 дня.", 7, null);
        assertThat(check.inDoubt(reply, true, null, null)).isTrue();
        assertThat(check.inDoubt(reply, null, true, null)).isTrue();
        assertThat(check.inDoubt(reply, null, null, true)).isTrue();
        assertThat(check.inDoubt(reply, false, false, false)).isFalse();
        assertThat(check.inDoubt(requests.handoff(5001), true, true, true)).isFalse();
        assertThat(check.inDoubt(requests.getCase(5001), true, true, true)).isFalse();
    }

    @Test
    void aReplyAlreadyInTheCaseAfterTheAnsweredMessageIsNotSentAgain() throws Exception {
        OmnideskRequest reply = requests.reply(5001, "Доставка 1–3 дня.", 7, null);
        // newest first, as the bridge reads them; Omnidesk re-renders whitespace
        JsonNode messages = messages(
                message(8, 0, BOT, false, "Доставка  1–3\nдня."),
                message(7, CUSTOMER, 0, false, "доставка?"));

        assertThat(check.delivered(messages, reply, true)).isTrue();
    }

    @Test
    void theSameTextAnsweringAnEarlierQuestionDoesNotCount() throws Exception {
        OmnideskRequest reply = requests.reply(5001, "Доставка 1–3 дня.", 9, null);
        JsonNode messages = messages(
                message(9, CUSTOMER, 0, false, "а в Казань?"),
                message(8, 0, BOT, false, "Доставка 1–3 дня."),
                message(7, CUSTOMER, 0, false, "доставка?"));

        assertThat(check.delivered(messages, reply, false)).isFalse();
    }

    @Test
    void withoutMessageIdsTheAnsweredTextMarksWhereToLook() throws Exception {
        OmnideskRequest reply = requests.reply(5001, "Доставка 1–3 дня.", 0, "а в Казань?");
        JsonNode earlier = messages(
                message(9, CUSTOMER, 0, false, "а в Казань?"),
                message(8, 0, BOT, false, "Доставка 1–3 дня."));
        JsonNode answered = messages(
                message(10, 0, BOT, false, "Доставка 1–3 дня."),
                message(9, CUSTOMER, 0, false, "а в Казань?"));

        assertThat(check.delivered(earlier, reply, false)).isFalse();
        assertThat(check.delivered(answered, reply, false)).isTrue();
    }

    @Test
    void anOperatorsMessageWithTheSameWordsIsNotTheBotsReply() throws Exception {
        OmnideskRequest reply = requests.reply(5001, "Добрый день!", 7, null);
        JsonNode messages = messages(message(8, 0, 1002, false, "Добрый день!"));

        assertThat(check.delivered(messages, reply, false)).isFalse();
    }

    @Test
    void aNoteIsRecognisedByItsFirstLineAndOnlyAmongNotes() throws Exception {
        OmnideskRequest note = requests.note(5001, "Bot handoff: requested\nTranscript: ...", 7, null);
        JsonNode asNote = messages(message(8, 0, BOT, true, "Bot handoff: requested\n(re-rendered transcript)"));
        JsonNode asReply = messages(message(8, 0, BOT, false, "Bot handoff: requested\nTranscript: ..."));

        assertThat(check.delivered(asNote, note, false)).isTrue();
        assertThat(check.delivered(asReply, note, false)).isFalse();
    }

    @Test
    void aTextKeptOnlyAsHtmlIsReadToo() throws Exception {
        OmnideskRequest reply = requests.reply(5001, "Заказ готов", 7, null);
        Map<String, Object> html = message(8, 0, BOT, false, "");
        html.put("content_html", "<p>Заказ <b>готов</b></p>");

        assertThat(check.delivered(messages(html), reply, false)).isTrue();
    }

    @Test
    void aLostAnswerIsLookedForAgainUntilTheDeadlineThenSent() throws Exception {
        OmnideskRequest fresh = requests.reply(5001, "Доставка 1–3 дня.", 7, null);
        OmnideskRequest old = new OmnideskRequest("reply", 5001, "POST", "/api/cases/5001/messages.json", null, "{}",
                "Доставка 1–3 дня.", 7, null, System.currentTimeMillis() - 121_000, null);
        JsonNode nothingYet = messages(message(7, CUSTOMER, 0, false, "доставка?"));

        assertThatThrownBy(() -> check.delivered(nothingYet, fresh, true)).isInstanceOf(WriteInDoubtException.class);
        assertThat(check.delivered(nothingYet, fresh, false)).isFalse(); // refused or 5xx: no answer was lost
        assertThat(check.delivered(nothingYet, old, true)).isFalse();    // past the deadline: send it
        assertThat(check.delivered(null, old, true)).isFalse();          // the case could not be read
    }

    private static Map<String, Object> message(long id, long userId, long staffId, boolean note, String content) {
        Map<String, Object> m = MessageListJson.message(id, userId, staffId, content);
        m.put("note", note);
        return m;
    }
}
