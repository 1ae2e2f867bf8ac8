package io.aegis.node.domain;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, initial * 2^(n-1))}, so retries of many receivers do not fall in step.
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier random) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before retry number {@code attempt} (1 = the first retry). */
    public Duration delay(int attempt) {
        long cap = max.toMillis();
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = Math.min(cap, base <= 0 ? cap : base);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
