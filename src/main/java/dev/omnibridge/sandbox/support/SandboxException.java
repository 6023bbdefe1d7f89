package dev.omnibridge.sandbox.support;

/**
 * A request the sandbox refuses, carrying the HTTP status and the Omnidesk-style error code
 * ({@code {"error": "case_not_found"}}). Thrown by the Java API as well, for the same reasons.
 */
public final class SandboxException extends RuntimeException {

    private final int status;
    private final String error;

    public SandboxException(int status, String error) {
        super(status + " " + error);
        this.status = status;
        this.error = error;
    }

    public static SandboxException badRequest(String error) {
        return new SandboxException(400, error);
    }

    public static SandboxException caseNotFound() {
        return new SandboxException(404, "case_not_found");
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
