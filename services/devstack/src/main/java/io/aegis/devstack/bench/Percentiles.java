package io.aegis.devstack.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Latency samples in nanoseconds and their nearest-rank percentiles. Thread-safe for adding;
 * the figures are read once the measurement is over.
 */
public final class Percentiles {

    private final List<Long> samples = new ArrayList<>();

    public synchronized void add(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a latency sample must not be negative, got " + nanos + " ns");
        }
        samples.add(nanos);
    }

    public synchronized int count() {
        return samples.size();
    }

    /** The nearest-rank {@code p}-th percentile in milliseconds ({@code 0 < p <= 100}); NaN without samples. */
    public synchronized double millis(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1_000_000.0;
    }

    /** {@code n=…, p50 … ms, p90 …, p99 …, max …}. */
    public String summary() {
        return String.format(Locale.ROOT, "n=%d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms", count(), millis(50),
                millis(90), millis(99), millis(100));
    }
}
