package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.time.Duration;

/**
 * The trailing baseline from per-category bucket counts: the expected count in a window is the
 * count of the trailing period (only whole buckets that end by the window's start) scaled to the
 * window's length. Network-wide: every counted signal adds to its category.
 */
public final class BucketedBaseline implements Baseline {

    /** Where the per-category counts are kept. */
    public interface CountsStore {

        /** The counts of {@code category} (empty when none). */
        CategoryCounts load(Category category);

        void save(Category category, CategoryCounts counts);
    }

    private final long trailing;
    private final long bucket;
    private final CountsStore store;

    public BucketedBaseline(BaselineSettings settings, CountsStore store) {
        this.trailing = settings.trailing().toMillis();
        this.bucket = settings.bucket().toMillis();
        this.store = store;
    }

    @Override
    public double expectedCount(Category category, long windowStart, Duration window) {
        long from = windowStart - trailing;
        long to = windowStart - bucket + 1;
        long total = store.load(category).sum(from, to);
        return total * (double) window.toMillis() / trailing;
    }

    @Override
    public void record(Category category, long timestamp) {
        CategoryCounts counts = store.load(category);
        counts.increment(Math.floorDiv(timestamp, bucket) * bucket);
        store.save(category, counts);
    }

    @Override
    public void pruneBefore(long before) {
        for (Category category : Category.values()) {
            CategoryCounts counts = store.load(category);
            if (counts.pruneBefore(before)) {
                store.save(category, counts);
            }
        }
    }
}
