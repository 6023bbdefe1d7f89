package dev.omnibridge.omnidesk;

/**
 * One Omnidesk API request as prepared by {@link OmnideskRequests}: kept on the exchange so that every attempt (and a
 * dead-letter replay) sends exactly the same thing, whatever an earlier attempt left in the message.
 *
 * @param body the JSON body, or null for a GET
 */
public record OmnideskRequest(String method, String path, String query, String body) {}
