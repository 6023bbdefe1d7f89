package dev.omnibridge.bot.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling an engine that keeps failing. Dialog lanes are shared by many cases, so an engine that times out
 * would make every case on a lane wait out its timeout and retries; after {@code threshold} failed turns in a row the
 * engine is not called for {@code openMillis}, then one call tries it again (a failure re-opens at once, a success
 * closes). Thread-safe.
 */
final class EngineBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(EngineBreaker.class);

    private final String engine;
    private final int threshold;
    private final long openMillis;
    private int failures;
    private long openUntil;
    private boolean open;

    /** @param threshold failed turns in a row that open the breaker; 0 = never open */
    EngineBreaker(String engine, int threshold, long openMillis) {
        if (threshold < 0 || openMillis < 0) {
            throw new IllegalArgumentException("bot.fallback.breaker-failures and -open-seconds must not be negative");
        }
        this.engine = engine;
        this.threshold = threshold;
        this.openMillis = openMillis;
    }

    synchronized boolean allows(long now) {
        return !open || now >= openUntil;
    }

    synchronized void succeeded() {
        if (open) {
            LOG.info("The {} bot answers again: calling it for every message", engine);
        }
        failures = 0;
        open = false;
    }

    synchronized void failed(long now) {
        failures++;
        if (threshold > 0 && failures >= threshold && (!open || now >= openUntil)) {
            open = true;
            openUntil = now + openMillis;
            LOG.warn("The {} bot failed {} times in a row: not calling it for {} s, customers get the fallback",
                    engine, failures, openMillis / 1000);
        }
    }

    synchronized String pausedFor() {
        return "not called: it failed " + failures + " times in a row (paused for " + openMillis / 1000 + " s)";
    }
}
