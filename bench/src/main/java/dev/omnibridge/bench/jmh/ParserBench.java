package dev.omnibridge.bench.jmh;

import dev.omnibridge.dialog.WebhookEvent;
import dev.omnibridge.webhook.TolerantWebhookParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The tolerant webhook parser on the seed template's body: valid, and broken the way raw placeholders break it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ParserBench {

    private static final String VISITOR =
            "\"visitor\":{\"id\":\"1\",\"fields\":{\"email\":\"\",\"id\":\"1\",\"name\":\"\",\"phone\":\"\"}}";

    /** What the seed template produces for a plain message. */
    static final String VALID = "{\"event\":\"new_message\",\"message\":{\"kind\":\"visitor\",\"text\":\"доставка\"},"
            + VISITOR + ",\"chat_id\":123456}";

    /** Raw substitution of a message with quotes, a newline and a backslash: invalid JSON, repaired. */
    static final String BROKEN = "{\"event\":\"new_message\",\"message\":{\"kind\":\"visitor\",\"text\":\"он написал "
            + "\"где заказ?\"\nи путь C:\\new\\file\"}," + VISITOR + ",\"chat_id\":123456}";

    /** Empty chat_id placeholder and a missing last brace. */
    static final String TRUNCATED = "{\"event\":\"new_message\",\"message\":{\"kind\":\"visitor\",\"text\":\"привет\"},"
            + VISITOR + ",\"chat_id\":";

    private final TolerantWebhookParser parser = new TolerantWebhookParser();

    @Benchmark
    public WebhookEvent valid() {
        return parser.parse(VALID, null, 1L);
    }

    @Benchmark
    public WebhookEvent broken() {
        return parser.parse(BROKEN, null, 1L);
    }

    @Benchmark
    public Object truncatedWithCaseIdInUrl() {
        return parser.parse(TRUNCATED, "123456", 1L);
    }
}
