package dev.omnibridge.sandbox;

/**
 * A file attached to a message, as the API lists it.
 *
 * @param url where the file can be downloaded, with the API's Basic auth
 */
public record SandboxAttachment(long fileId, String fileName, long fileSize, String mimeType, String url) {}
