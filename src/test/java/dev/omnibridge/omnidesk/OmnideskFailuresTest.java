package dev.omnibridge.omnidesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.language.bean.RuntimeBeanExpressionException;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Which failed Omnidesk calls are retried, how many times, and which leave a write in doubt. */
class OmnideskFailuresTest {

    private final OmnideskFailures failures = new OmnideskFailures();

    OmnideskFailuresTest() {
        failures.setMaxAttempts(3);
    }

    @Test
    void transientFailuresAreRetriedUntilTheAttemptsAreUsedUp() {
        for (Exception transientFailure : new Exception[] {status(500), status(503), status(408), status(429),
                new SocketTimeoutException("Read timed out"), new ConnectException("refused")}) {
            assertThat(failures.shouldRetry(failedAttempt(transientFailure, 1))).as(transientFailure.toString()).isTrue();
            assertThat(failures.shouldRetry(failedAttempt(transientFailure, 2))).isTrue();
            assertThat(failures.shouldRetry(failedAttempt(transientFailure, 3))).as("3 attempts in all").isFalse();
        }
    }

    @Test
    void aRequestOmnideskRefusesIsNotRetried() {
        for (int status : new int[] {400, 401, 403, 404, 422}) {
            assertThat(failures.shouldRetry(failedAttempt(status(status), 1))).as("HTTP " + status).isFalse();
        }
        assertThat(failures.shouldRetry(failedAttempt(new IllegalArgumentException("a bug"), 1))).isFalse();
    }

    @Test
    void aWriteInDoubtIsLookedForAgainWhateverTheAttempts() {
        WriteInDoubtException notThereYet = new WriteInDoubtException("reply", 5001);
        assertThat(failures.shouldRetry(failedAttempt(notThereYet, 50))).isTrue();
        // as the route's bean expression (deliveryCheck.delivered) wraps it
        assertThat(failures.shouldRetry(failedAttempt(new RuntimeBeanExpressionException(null, "deliveryCheck",
                "delivered", notThereYet), 50))).isTrue();
    }

    @Test
    void aFailureAfterTheRequestMayHaveLandedPutsTheWriteInDoubt() {
        Exchange timedOut = redelivered(new SocketTimeoutException("Read timed out"));
        assertThat(timedOut.getProperty(OmnideskFailures.IN_DOUBT, Boolean.class)).isTrue();
        assertThat(timedOut.getProperty(OmnideskFailures.ANSWER_LOST, Boolean.class)).isTrue();

        Exchange serverError = redelivered(status(502));
        assertThat(serverError.getProperty(OmnideskFailures.IN_DOUBT, Boolean.class)).isTrue();
        assertThat(serverError.getProperty(OmnideskFailures.ANSWER_LOST, Boolean.class))
                .as("Omnidesk answered: nothing is still on its way").isFalse();
    }

    @Test
    void aFailureBeforeTheRequestLeftIsNoDoubt() {
        assertThat(redelivered(new ConnectException("refused")).getProperty(OmnideskFailures.IN_DOUBT)).isNull();
        assertThat(redelivered(status(429)).getProperty(OmnideskFailures.IN_DOUBT)).isNull();
    }

    @Test
    void theAttemptsOfAnOperationAreCountedForItsDeadLetter() {
        Exchange exchange = exchange();
        assertThat(OmnideskFailures.attemptsMade(exchange)).isEqualTo(1);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, status(500));
        failures.process(exchange);
        failures.process(exchange);
        assertThat(OmnideskFailures.attemptsMade(exchange)).isEqualTo(3);
    }

    private static OmnideskCallException status(int status) {
        return new OmnideskCallException("reply", status, "");
    }

    /** An exchange as retryWhile sees it after {@code attempts} failed attempts. */
    private static Exchange failedAttempt(Exception failure, int attempts) {
        Exchange exchange = exchange();
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, attempts);
        return exchange;
    }

    private Exchange redelivered(Exception failure) {
        Exchange exchange = exchange();
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        failures.process(exchange);
        return exchange;
    }

    private static Exchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }
}
