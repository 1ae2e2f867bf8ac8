package io.aegis.escalation.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The trailing per-category baseline that rate rules compare against.
 *
 * @param trailing        how far back the baseline looks, before the rule's window
 * @param bucket          granularity of the per-category counts
 * @param minimumExpected floor of the expected count per window, so a quiet category does not
 *                        surge on its first signal
 */
public record BaselineSettings(Duration trailing, Duration bucket, double minimumExpected) {

    public BaselineSettings {
        Objects.requireNonNull(trailing, "trailing");
        Objects.requireNonNull(bucket, "bucket");
    }
}
