package dev.omnibridge.omnidesk;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Which failed Omnidesk calls are worth retrying: I/O errors and timeouts, 5xx, 408 and 429. Any other 4xx is
 * permanent (the request itself is wrong) and is not retried.
 *
 * <p>A write that failed after it may have reached Omnidesk (a read timeout, a reset connection, a 5xx) is "in
 * doubt": before it is sent again the bridge looks at the case to see whether it arrived.
 */
public class OmnideskFailures implements Processor {

    public static final String IN_DOUBT = "omnideskInDoubt";
    /** Set when a write's answer was lost (timeout, reset): Omnidesk may still be storing it. */
    public static final String ANSWER_LOST = "omnideskAnswerLost";
    /** Retries of the current operation so far (its attempts less one). */
    public static final String RETRIES = "omnideskRetries";

    private int maxAttempts = 5;

    /** Attempts in all, the first included. */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /**
     * The retry policy's {@code retryWhile}: transient failures, until the attempts are used up; a write still in
     * doubt is looked for again until its deadline, whatever the attempts.
     */
    public boolean shouldRetry(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (stillInDoubt(failure)) {
            return true; // thrown only before the write deadline
        }
        return attemptsSoFar(exchange) < maxAttempts && isTransient(failure);
    }

    /**
     * The {@code retryWhile} of a case creation (Variant 2): as {@link #shouldRetry}, but never after a failure that may
     * have created the case: a second attempt could open a second case, so the caller looks it up instead.
     */
    public boolean shouldRetryCreation(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return !mayHaveBeenApplied(failure) && attemptsSoFar(exchange) < maxAttempts && isTransient(failure);
    }

    /**
     * Attempts made so far, the failed one included. Camel has counted the failure in its redelivery counter before
     * {@code retryWhile} asks, so the counter is the number of attempts that failed.
     */
    static int attemptsSoFar(Exchange exchange) {
        return Math.max(1, exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
    }

    /** Attempts an operation took in all, once it is given up (Camel drops its counter when it stops retrying). */
    public static int attemptsMade(Exchange exchange) {
        return exchange.getProperty(RETRIES, 0, Integer.class) + 1;
    }

    /** The retry policy's {@code onRedelivery}: marks the exchange in doubt when the failed attempt may have landed. */
    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(RETRIES, exchange.getProperty(RETRIES, 0, Integer.class) + 1);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        if (stillInDoubt(failure)) {
            return; // still in doubt, as it was
        }
        if (mayHaveBeenApplied(failure)) {
            exchange.setProperty(IN_DOUBT, true);
            exchange.setProperty(ANSWER_LOST, !(rootCall(failure) instanceof OmnideskCallException));
        }
    }

    private static Throwable rootCall(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OmnideskCallException) {
                return t;
            }
        }
        return failure;
    }

    /** The in-doubt check's "not there yet" (as the route's bean expression wraps it, or bare). */
    static boolean stillInDoubt(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WriteInDoubtException) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTransient(Throwable failure) {
        if (stillInDoubt(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OmnideskCallException call) {
                int status = call.status();
                return status >= 500 || status == 408 || status == 429;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static boolean mayHaveBeenApplied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OmnideskCallException call) {
                return call.status() >= 500;
            }
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return false; // never reached Omnidesk
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
