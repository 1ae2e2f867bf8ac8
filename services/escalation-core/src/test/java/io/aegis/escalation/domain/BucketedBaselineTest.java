package io.aegis.escalation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aegis.schema.common.Category;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BucketedBaselineTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final MapCountsStore store = new MapCountsStore();
    private final BucketedBaseline baseline = new BucketedBaseline(
            new BaselineSettings(Duration.ofHours(24), Duration.ofHours(1), 1.0), store);

    @Test
    void shouldScaleTheTrailingCountToTheWindowLength() {
        // given: 48 signals over the 24 hours before the window
        for (int h = 1; h <= 24; h++) {
            baseline.record(Category.DEEPFAKE_FRAUD, 100 * HOUR - h * HOUR);
            baseline.record(Category.DEEPFAKE_FRAUD, 100 * HOUR - h * HOUR + 1);
        }

        // then: two per hour, so two expected in a one-hour window and eight in four hours
        assertThat(baseline.expectedCount(Category.DEEPFAKE_FRAUD, 100 * HOUR, Duration.ofHours(1))).isCloseTo(2.0, within(1e-9));
        assertThat(baseline.expectedCount(Category.DEEPFAKE_FRAUD, 100 * HOUR, Duration.ofHours(4))).isCloseTo(8.0, within(1e-9));
        assertThat(baseline.expectedCount(Category.CBRN_UPLIFT, 100 * HOUR, Duration.ofHours(1))).isZero();
    }

    @Test
    void shouldExcludeTheWindowItselfAndBucketsThatReachIntoIt() {
        // given: signals in the window and in the bucket that straddles its start
        baseline.record(Category.MODEL_THEFT, 100 * HOUR + 5);
        baseline.record(Category.MODEL_THEFT, 100 * HOUR - HOUR / 2 + 1);

        // then: neither counts as history for a window starting half-way through that bucket
        assertThat(baseline.expectedCount(Category.MODEL_THEFT, 100 * HOUR - HOUR / 2, Duration.ofHours(1))).isZero();
    }

    @Test
    void shouldDropCountsOlderThanAskedAndSaveOnlyWhatChanged() {
        baseline.record(Category.MODEL_THEFT, 10 * HOUR);
        baseline.record(Category.MODEL_THEFT, 30 * HOUR);

        baseline.pruneBefore(20 * HOUR);

        assertThat(store.counts.get(Category.MODEL_THEFT).buckets()).containsOnlyKeys(30 * HOUR);
        assertThat(store.counts).containsOnlyKeys(Category.MODEL_THEFT);
    }
}
