package dev.omnibridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The custom channel's operator-reply webhook, form-encoded as Omnidesk's clients show it, or JSON. */
class OperatorReplyParserTest {

    private static final long BOT = 1001;
    private final OperatorReplyParser parser = new OperatorReplyParser();

    @Test
    void aFormEncodedReplyWithAttachments() {
        OperatorReply reply = parser.parse("type=message_new&object%5Bmessage_id%5D=9001&object[case_id]=5001"
                + "&object[staff_id]=1002&object[user_id]=300001&object[custom_user_id]=777000111"
                + "&object[content]=%3Cp%3E%D0%97%D0%B4%D1%80%D0%B0%D0%B2%D1%81%D1%82%D0%B2%D1%83%D0%B9%D1%82%D0%B5+%26+"
                + "%D0%B4%D0%BE%D0%B1%D1%80%D1%8B%D0%B9+%D0%B4%D0%B5%D0%BD%D1%8C%3C%2Fp%3E&object[note]=0"
                + "&object[sent_via_rule]=false&object[attachments][1][url]=https%3A%2F%2Fx%2Fb.pdf"
                + "&object[attachments][0][url]=https%3A%2F%2Fx%2Fa.png", "application/x-www-form-urlencoded");

        assertThat(reply.messageId()).isEqualTo(9001);
        assertThat(reply.caseId()).isEqualTo(5001);
        assertThat(reply.customUserId()).isEqualTo("777000111");
        assertThat(reply.content()).isEqualTo("<p>Здравствуйте & добрый день</p>");
        assertThat(reply.attachments()).containsExactly("https://x/a.png", "https://x/b.pdf");
        assertThat(reply.forTheCustomer(BOT)).isTrue();
    }

    @Test
    void jsonFlatOrUnderObjectIsReadTheSame() {
        String fields = "\"message_id\": \"9002\", \"case_id\": 5001, \"staff_id\": 1002, \"custom_user_id\": \"42\","
                + " \"content\": \"Готово\", \"note\": false, \"attachments\": [{\"url\": \"https://x/c.jpg\"}]";
        OperatorReply flat = parser.parse("{" + fields + "}", "application/json");
        OperatorReply nested = parser.parse("{\"type\": \"message_new\", \"object\": {" + fields + "}}", null);

        assertThat(flat).isEqualTo(nested);
        assertThat(flat.messageId()).isEqualTo(9002);
        assertThat(flat.attachments()).containsExactly("https://x/c.jpg");
    }

    @Test
    void notesRuleMessagesAndTheBotsOwnAreNotForTheCustomer() {
        assertThat(form("object[note]=1").forTheCustomer(BOT)).isFalse();
        assertThat(form("object[sent_via_rule]=true").forTheCustomer(BOT)).isFalse();
        assertThat(parser.parse("object[message_id]=1&object[case_id]=2&object[staff_id]=1001&object[content]=x", null)
                .forTheCustomer(BOT)).isFalse();
        assertThat(parser.parse("object[message_id]=1&object[case_id]=2&object[staff_id]=1002&object[content]=+", null)
                .forTheCustomer(BOT)).as("nothing to say").isFalse();
    }

    @Test
    void withoutAMessageOrCaseIdItIsRefusedWithAReason() {
        assertThatThrownBy(() -> parser.parse("object[case_id]=5001&object[content]=x", null))
                .isInstanceOf(BadWebhookException.class).hasMessageContaining("message_id");
        assertThatThrownBy(() -> parser.parse("{not json", "application/json"))
                .isInstanceOf(BadWebhookException.class);
        assertThatThrownBy(() -> parser.parse(" ", null)).isInstanceOf(BadWebhookException.class);
    }

    private OperatorReply form(String extra) {
        return parser.parse("object[message_id]=1&object[case_id]=2&object[staff_id]=1002&object[content]=Привет&"
                + extra, "application/x-www-form-urlencoded");
    }
}
