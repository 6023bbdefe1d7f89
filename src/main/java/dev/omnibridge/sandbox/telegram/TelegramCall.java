package dev.omnibridge.sandbox.telegram;

import java.time.Instant;

/**
 * One Bot API request the sandbox answered, whatever the outcome.
 *
 * @param path        the request path with the token masked ({@code /bot***}/sendMessage): calls are shown to anyone
 * @param chatId      the {@code chat_id} parameter, null when there was none
 * @param status      the HTTP status answered
 * @param description the error description, "" when the call succeeded
 */
public record TelegramCall(String method, String path, Long chatId, int status, String description, Instant timestamp) {

    public boolean ok() {
        return status == 200;
    }
}
