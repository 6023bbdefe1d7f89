package dev.omnibridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chats' states: on disk, a bounded number in memory, the case-to-chat index whole, across a restart. */
class ChatStoreTest {

    @TempDir
    Path data;

    private ChatStore store(long inMemory) throws Exception {
        ChatStore store = new ChatStore();
        store.setDirectory(data.toString());
        store.setFsync(false);
        store.setMaximumSize(inMemory);
        store.init();
        return store;
    }

    @Test
    void statesOutOfMemoryComeBackFromTheirFilesAndSurviveARestart() throws Exception {
        ChatStore store = store(1);
        assertThat(store.knows(1)).isFalse();
        for (long chat = 1; chat <= 3; chat++) {
            ChatState state = store.load(chat);
            state.setOwner(ChatOwner.OPERATOR);
            state.setCaseId(5000 + chat);
            store.save(state);
        }
        assertThat(store.knows(1)).isTrue();
        assertThat(store.load(1).getCaseId()).isEqualTo(5001); // read back from its file
        assertThat(store.chatOfCase(5002)).contains(2L);

        ChatState moved = store.load(2);
        moved.setCaseId(6002); // a new case for chat 2: the old one no longer points at it
        store.save(moved);
        assertThat(store.chatOfCase(5002)).isEmpty();

        ChatStore again = store(10);
        assertThat(again.load(3).getOwner()).isEqualTo(ChatOwner.OPERATOR);
        assertThat(again.chatOfCase(6002)).contains(2L);
        assertThat(again.chatOfCase(5001)).contains(1L);
    }
}
