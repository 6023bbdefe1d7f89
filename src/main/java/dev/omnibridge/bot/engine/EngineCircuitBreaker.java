package dev.omnibridge.bot.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bot.fallback.breaker-failures and bot.fallback.breaker-open-seconds as the resilience4j circuit breaker of the
 * {@code circuitBreaker} step in routes/bot-engine.yaml (beans.yaml: botEngineBreaker). Dialog lanes are shared by
 * many cases, so an engine that times out would make every case on a lane wait out its timeout and retries.
 *
 * <ul>
 *   <li>a count-based sliding window of {@code failures} calls that opens at a 100 % failure rate: {@code failures}
 *       failed turns in a row (a turn is one call of the breaker, its retries included);
 *   <li>open for {@code openSeconds} ({@code waitDurationInOpenState}): the engine is not called, the fallback
 *       answers at once;
 *   <li>then one turn tries it ({@code permittedNumberOfCallsInHalfOpenState = 1}): a failure opens the breaker
 *       again at once, a success closes it;
 *   <li>{@code failures = 0}: the breaker is disabled, every turn calls the engine.
 * </ul>
 */
public final class EngineCircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(EngineCircuitBreaker.class);

    private EngineCircuitBreaker() {}

    /**
     * @param engine      bot.type, for the log
     * @param failures    failed turns in a row that open the breaker; 0 = never open
     * @param openSeconds how long it stays open
     */
    public static CircuitBreaker of(String engine, int failures, long openSeconds) {
        return of(engine, failures, openSeconds, Clock.systemUTC());
    }

    static CircuitBreaker of(String engine, int failures, long openSeconds, Clock clock) {
        if (failures < 0 || openSeconds < 0) {
            throw new IllegalArgumentException("bot.fallback.breaker-failures and -open-seconds must not be negative");
        }
        String name = engine == null || engine.isBlank() ? "bot-engine" : engine.strip().toLowerCase(Locale.ROOT);
        CircuitBreaker breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(1, failures))
                .minimumNumberOfCalls(Math.max(1, failures))
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofSeconds(openSeconds))
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        if (failures == 0) {
            breaker.transitionToDisabledState();
            return breaker;
        }
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> {
                    if (event.getStateTransition().getFromState() == CircuitBreaker.State.HALF_OPEN) {
                        LOG.warn("The {} bot still fails: not calling it for another {} s", name, openSeconds);
                    } else {
                        LOG.warn("The {} bot failed {} times in a row: not calling it for {} s, customers get the "
                                + "fallback", name, failures, openSeconds);
                    }
                }
                case CLOSED -> LOG.info("The {} bot answers again: calling it for every message", name);
                default -> { }
            }
        });
        return breaker;
    }
}
