package dev.omnibridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.webhook.BadWebhookException;
import org.junit.jupiter.api.Test;

class TelegramUpdatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TelegramUpdates updates = new TelegramUpdates();

    @Test
    void aPrivateMessageIsTheCustomersWithTheirName() throws Exception {
        ChatEvent event = updates.event(JSON.readTree("""
                {"update_id": 41, "message": {"message_id": 7, "date": 1,
                 "from": {"id": 555, "first_name": "Иван", "last_name": "Петров"},
                 "chat": {"id": 555, "type": "private"}, "text": "Привет"}}"""));
        assertThat(event.key()).isEqualTo("update-41");
        assertThat(event.kind()).isEqualTo(ChatEventKind.CUSTOMER_MESSAGE);
        assertThat(event.chatId()).isEqualTo(555);
        assertThat(event.customerName()).isEqualTo("Иван Петров");
        assertThat(event.text()).isEqualTo("Привет");
    }

    @Test
    void aPressTakesTheChatFromTheMessageItWasOn() throws Exception {
        // Camel's IncomingCallbackQuery has no chat id: it is the pressed message's chat
        ChatEvent event = updates.event(JSON.readTree("""
                {"update_id": 42, "callback_query": {"id": "cb-1", "from": {"id": 555, "first_name": "Иван"},
                 "message": {"message_id": 9, "chat": {"id": 555, "type": "private"}, "text": "Выберите"},
                 "data": "b2"}}"""));
        assertThat(event.kind()).isEqualTo(ChatEventKind.BUTTON_PRESS);
        assertThat(event.chatId()).isEqualTo(555);
        assertThat(event.callbackId()).isEqualTo("cb-1");
        assertThat(event.pressed()).isEqualTo(9);
        assertThat(event.callbackData()).isEqualTo("b2");
    }

    @Test
    void aDocumentAndAPhotoAreFilesWithTheCaptionAsText() throws Exception {
        ChatEvent document = updates.event(JSON.readTree("""
                {"update_id": 43, "message": {"message_id": 10, "from": {"id": 5}, "chat": {"id": 5, "type": "private"},
                 "document": {"file_id": "F1", "file_name": "invoice.pdf", "mime_type": "application/pdf"},
                 "caption": "счёт"}}"""));
        assertThat(document.text()).isEqualTo("счёт");
        assertThat(document.files()).containsExactly(new ChatEvent.ChatFile("F1", "invoice.pdf", "application/pdf"));
        ChatEvent photo = updates.event(JSON.readTree("""
                {"update_id": 44, "message": {"message_id": 11, "from": {"id": 5}, "chat": {"id": 5, "type": "private"},
                 "photo": [{"file_id": "small"}, {"file_id": "large"}]}}"""));
        assertThat(photo.files()).extracting(ChatEvent.ChatFile::fileId).containsExactly("large");
    }

    @Test
    void groupsEditsAndStickersWithoutTextAreNotTheCustomers() throws Exception {
        assertThat(updates.event(JSON.readTree("""
                {"update_id": 45, "message": {"message_id": 1, "chat": {"id": -100, "type": "group"}, "text": "hi"}}""")))
                .isNull();
        assertThat(updates.event(JSON.readTree("""
                {"update_id": 46, "edited_message": {"message_id": 1, "chat": {"id": 5, "type": "private"}, "text": "x"}}""")))
                .isNull();
        assertThat(updates.event(JSON.readTree("""
                {"update_id": 47, "message": {"message_id": 1, "chat": {"id": 5, "type": "private"}, "sticker": {}}}""")))
                .isNull();
    }

    @Test
    void theOffsetConfirmsEveryUpdateOfTheAnswerEvenTheIgnoredOnes() throws Exception {
        JsonNode result = JSON.readTree("[{\"update_id\": 45}, {\"update_id\": 47}, {\"update_id\": 46}]");
        assertThat(updates.nextOffset(result, 10)).isEqualTo(48);
        assertThat(updates.nextOffset(JSON.readTree("[]"), 10)).isEqualTo(10);
    }

    @Test
    void aWebhookBodyThatIsNotJsonIsABadRequest() {
        assertThatThrownBy(() -> updates.eventOf("not json")).isInstanceOf(BadWebhookException.class);
    }
}
