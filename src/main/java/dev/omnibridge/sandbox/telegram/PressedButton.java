package dev.omnibridge.sandbox.telegram;

/** What pressing an inline button produced: the {@code callback_query} update and the query's id. */
public record PressedButton(long updateId, String callbackQueryId) {}
