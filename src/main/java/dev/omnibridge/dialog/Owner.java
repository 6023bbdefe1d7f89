package dev.omnibridge.dialog;

/** Who answers the customer in a case. */
public enum Owner {
    BOT,
    OPERATOR
}
