package dev.omnibridge.bench;

import org.HdrHistogram.Histogram;

/** A thread-safe latency histogram in microseconds (1 µs .. 10 min, 3 significant digits). */
final class Latency {

    private final Histogram histogram = new Histogram(600_000_000L, 3);

    synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(600_000_000L, nanos / 1_000)));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    /** Percentile in milliseconds. */
    synchronized double ms(double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    synchronized double maxMs() {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }
}
