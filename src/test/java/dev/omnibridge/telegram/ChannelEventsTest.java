package dev.omnibridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelEventsTest {

    private final ChannelEvents events = new ChannelEvents();

    ChannelEventsTest() {
        events.setBotStaffId(1001);
    }

    @Test
    void anOperatorsReplyAsOmnideskPostsItGoesToTheChat() {
        ChatEvent event = events.read("type=message_new&object%5Bmessage_id%5D=70011&object%5Bcase_id%5D=5001"
                + "&object%5Bstaff_id%5D=1002&object%5Buser_id%5D=9&object%5Bcustom_user_id%5D=555"
                + "&object%5Bcontent%5D=%3Cp%3E%D0%94%D0%B0%3C%2Fp%3E&object%5Bnote%5D=0&object%5Bsent_via_rule%5D=0",
                "application/x-www-form-urlencoded");
        assertThat(event.kind()).isEqualTo(ChatEventKind.OPERATOR_REPLY);
        assertThat(event.key()).isEqualTo("reply-70011");
        assertThat(event.chatId()).isEqualTo(555);
        assertThat(event.caseId()).isEqualTo(5001);
        assertThat(event.reply().content()).isEqualTo("<p>Да</p>");
    }

    @Test
    void notesRuleMessagesAndTheBotsOwnAreNotForTheCustomer() {
        String base = "type=message_new&object[message_id]=1&object[case_id]=5001&object[custom_user_id]=555"
                + "&object[content]=x";
        assertThat(events.read(base + "&object[staff_id]=1002&object[note]=1", null)).isNull();
        assertThat(events.read(base + "&object[staff_id]=1002&object[sent_via_rule]=1", null)).isNull();
        assertThat(events.read(base + "&object[staff_id]=1001", null)).isNull();
    }

    @Test
    void theCaseClosedRuleReturnsTheChatEvenWithoutItsId() {
        ChatEvent closed = events.read("{\"type\": \"case_closed\", \"object\": {\"case_id\": 5001, \"custom_user_id\": \"555\"}}",
                "application/json");
        assertThat(closed.kind()).isEqualTo(ChatEventKind.CASE_CLOSED);
        assertThat(closed.caseId()).isEqualTo(5001);
        assertThat(closed.chatId()).isEqualTo(555);
        // an unsubstituted placeholder: the chat is found by the case later
        ChatEvent raw = events.read("{\"type\": \"case_closed\", \"object\": {\"case_id\": 5001, \"custom_user_id\": \"[user_custom_id]\"}}",
                null);
        assertThat(raw.chatId()).isZero();
    }
}
