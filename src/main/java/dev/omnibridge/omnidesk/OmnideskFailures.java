package dev.omnibridge.omnidesk;

import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Which failed Omnidesk calls are worth retrying: I/O errors and timeouts, 5xx, 408 and 429. Any other 4xx is
 * permanent (the request itself is wrong) and goes straight to the dead letters.
 */
public class OmnideskFailures {

    public boolean isTransient(Exchange exchange) {
        return isTransient(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return status >= 500 || status == 408 || status == 429;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
