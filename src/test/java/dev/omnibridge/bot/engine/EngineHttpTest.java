package dev.omnibridge.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Reading one attempt's answer and telling failures apart, as routes/bot-engine.yaml asks botEngineHttp; the same
 * behaviours over real HTTP are in {@link EngineRouteTest}.
 */
class EngineHttpTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final EngineHttp http = new EngineHttp();

    EngineHttpTest() {
        http.setTimeoutMs(300);
        http.setConnectTimeoutMs(200);
        http.setRetries(1);
        http.setMaxResponseBytes(1000);
        http.setClock(now::get);
        http.init();
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Date started() {
        return new Date(now.get());
    }

    @Test
    void aJsonAnswerIsRead() {
        assertThat(http.read(body("{\"replies\":[\"Привет\"]}"), 200, "application/json", started())
                .path("replies").path(0).asText()).isEqualTo("Привет");
    }

    @Test
    void serverErrorsMayPassClientErrorsAndRedirectsDoNot() {
        assertThatThrownBy(() -> http.read(body("busy"), 503, "text/plain", started()))
                .isInstanceOf(EngineException.class).hasMessage("HTTP 503")
                .satisfies(e -> assertThat(((EngineException) e).isRetryable()).isTrue());
        assertThatThrownBy(() -> http.read(body("{}"), 404, "application/json", started()))
                .hasMessage("HTTP 404").satisfies(e -> assertThat(((EngineException) e).isRetryable()).isFalse());
        assertThatThrownBy(() -> http.read(null, 302, null, started()))
                .hasMessage("HTTP 302").satisfies(e -> assertThat(((EngineException) e).isRetryable()).isFalse());
    }

    @Test
    void brokenAnswersAreGarbage() {
        assertThatThrownBy(() -> http.read(body("<html><body>Customer Ivan Petrov</body></html>"), 200, "text/html",
                started())).hasMessage("answer is not JSON (text/html)")
                .satisfies(e -> assertThat(((EngineException) e).isRetryable()).isFalse());
        assertThatThrownBy(() -> http.read(body("{\"has_answer\": tru"), 200, "application/json", started()))
                .hasMessage("answer is not JSON (application/json)");
        assertThatThrownBy(() -> http.read(body("{\"a\":1} {\"b\":2}"), 200, "application/json", started()))
                .hasMessage("answer is not JSON (application/json)");
        assertThatThrownBy(() -> http.read(body(""), 200, "application/json", started()))
                .hasMessage("empty answer (HTTP 200)");
        assertThatThrownBy(() -> http.read(null, 200, null, started())).hasMessage("empty answer (HTTP 200)");
    }

    @Test
    void anOversizedAnswerIsCutOff() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'x';
            }
        };

        assertThatThrownBy(() -> http.read(endless, 200, "application/json", started()))
                .hasMessage("answer larger than 1000 bytes")
                .satisfies(e -> assertThat(((EngineException) e).isRetryable()).isFalse());
        assertThat(read.get()).isLessThan(20_000);
    }

    @Test
    void anAnswerStillTricklingAtTheDeadlineTimesOut() {
        Date started = started();
        InputStream trickle = new InputStream() {
            @Override
            public int read() {
                now.addAndGet(100); // a byte every 100 ms: each read is within the socket timeout
                return '[';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                b[off] = (byte) read();
                return 1;
            }
        };

        assertThatThrownBy(() -> http.read(trickle, 200, "application/json", started))
                .hasMessage("no answer within 300 ms")
                .satisfies(e -> assertThat(((EngineException) e).isRetryable()).isTrue());
    }

    @Test
    void aSocketTimeoutWhileReadingMayPass() {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("Read timed out");
            }
        };

        assertThatThrownBy(() -> http.read(stalled, 200, "application/json", started()))
                .hasMessage("no answer within 300 ms")
                .satisfies(e -> assertThat(((EngineException) e).isRetryable()).isTrue());
    }

    @Test
    void failuresThatMayPassAreRetriedWhileRetriesAreLeft() {
        assertThat(http.shouldRetry(new EngineException("HTTP 502", true), 1)).isTrue();
        assertThat(http.shouldRetry(new EngineException("HTTP 502", true), 2)).isFalse();
        assertThat(http.shouldRetry(new ConnectException("Connection refused"), 1)).isTrue();
        assertThat(http.shouldRetry(new SocketTimeoutException("Read timed out"), 1)).isTrue();
        assertThat(http.shouldRetry(new EngineException("HTTP 404", false), 1)).isFalse();
        assertThat(http.shouldRetry(new IllegalStateException("a bug"), 1)).isFalse();
    }

    @Test
    void failuresAreToldWithoutWhatTheEngineOrTheBridgeCarried() {
        assertThat(http.describe(new EngineException("HTTP 502", true))).isEqualTo("HTTP 502 (2 attempts)");
        assertThat(http.describe(new EngineException("HTTP 404", false))).isEqualTo("HTTP 404");
        assertThat(http.describe(new ConnectException("Connect to http://user:pw@bot:80 failed")))
                .isEqualTo("cannot connect (engine down or unreachable) (2 attempts)");
        assertThat(http.describe(new ConnectTimeoutException("Connect to http://bot:80 timed out")))
                .isEqualTo("could not connect within 200 ms (2 attempts)");
        assertThat(http.describe(new SocketTimeoutException("Read timed out")))
                .isEqualTo("no answer within 300 ms (2 attempts)");
        assertThat(http.describe(new IllegalStateException("customer said: my card is 4111")))
                .isEqualTo("unexpected IllegalStateException");

        http.setRetries(0);
        assertThat(http.describe(new EngineException("HTTP 502", true))).isEqualTo("HTTP 502");
    }

    @Test
    void settingsAreCheckedAtStart() {
        http.setRetries(6);
        assertThatThrownBy(http::init).hasMessage("bot.http.retries must be between 0 and 5");
        http.setRetries(1);
        http.setTimeoutMs(0);
        assertThatThrownBy(http::init)
                .hasMessage("bot.http.timeout-ms and bot.http.connect-timeout-ms must be positive");
        http.setTimeoutMs(300);
        http.setRetryDelayMs(-1);
        assertThatThrownBy(http::init).hasMessage("bot.http.retry-delay-ms must not be negative");
    }
}
