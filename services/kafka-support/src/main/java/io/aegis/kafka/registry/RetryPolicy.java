package io.aegis.kafka.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounded retries with exponential backoff for registry calls: at most {@code maxAttempts}
 * attempts in all, waiting {@code initialBackoff}, then twice that, up to {@code maxBackoff}.
 *
 * @param maxAttempts    total attempts, at least 1
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff     upper bound of any single wait
 * @param requestTimeout timeout of each HTTP request
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout) {

    /** 4 attempts, 100 ms → 200 ms → 400 ms backoff, 5 s per request. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(5));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff <= maxBackoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
    }

    /** The wait after the given failed attempt (1-based). */
    public Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
