package dev.omnibridge.setup;

/**
 * A read of the account by the setup tools (setup, check) that gave no usable answer. The message is in plain words
 * for an administrator and never contains the API key.
 */
public final class AccountReadException extends Exception {

    /** What went wrong, coarsely, so that callers can give the right advice. */
    public enum Problem {
        /** No HTTP answer at all: DNS, refused connection, TLS, timeout. */
        UNREACHABLE,
        /** 401: wrong staff e-mail or API key, or the API is switched off. */
        CREDENTIALS_REJECTED,
        /** 403: the API user may not do this. */
        FORBIDDEN,
        /** 404 on a list that every account has: the base URL is not an Omnidesk account. */
        NOT_FOUND,
        /** 429: the account's per-minute budget is used up. */
        RATE_LIMITED,
        /** 5xx. */
        SERVER_ERROR,
        /** Anything else: another status, a redirect, a body that is not Omnidesk's JSON. */
        UNEXPECTED
    }

    private final Problem problem;
    private final int status;

    AccountReadException(Problem problem, int status, String plainWords) {
        super(plainWords, null, false, false);
        this.problem = problem;
        this.status = status;
    }

    public Problem problem() {
        return problem;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
