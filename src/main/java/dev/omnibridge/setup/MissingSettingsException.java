package dev.omnibridge.setup;

/** The bridge refuses to start; the message is one line meant for the person who deploys it. */
public class MissingSettingsException extends RuntimeException {

    public MissingSettingsException(String message) {
        super(message, null, false, false);
    }
}
