package io.aegis.devstack.bench;

import java.util.Locale;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency samples in nanoseconds and their percentiles, kept in an HdrHistogram (3 significant
 * digits, so a figure is within 0.1 % of the exact one). Thread-safe for adding; the figures are
 * read once the measurement is over.
 */
public final class Percentiles {

    private final Histogram histogram = new ConcurrentHistogram(3);

    public void add(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a latency sample must not be negative, got " + nanos + " ns");
        }
        histogram.recordValue(nanos);
    }

    public int count() {
        return (int) histogram.getTotalCount();
    }

    /** The {@code p}-th percentile in milliseconds ({@code 0 < p <= 100}); NaN without samples. */
    public double millis(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        long nanos = p == 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(p);
        return nanos / 1_000_000.0;
    }

    /** {@code n=…, p50 … ms, p90 …, p99 …, max …}. */
    public String summary() {
        return String.format(Locale.ROOT, "n=%d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms", count(), millis(50),
                millis(90), millis(99), millis(100));
    }
}
