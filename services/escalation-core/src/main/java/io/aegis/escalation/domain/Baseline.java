package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.time.Duration;

/** The trailing network-wide rate of each category, which rate rules compare a window against. */
public interface Baseline {

    /**
     * The expected number of signals of {@code category} in a window of length {@code window},
     * from the trailing counts that end at {@code windowStart} (the window itself is excluded).
     */
    double expectedCount(Category category, long windowStart, Duration window);

    /** Counts one signal of {@code category} at {@code timestamp}. */
    void record(Category category, long timestamp);

    /** Drops counts older than {@code before}. */
    void pruneBefore(long before);
}
