package io.aegis.escalation.domain;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Signal counts of one category per time bucket (bucket start → count), for the trailing baseline. */
public final class CategoryCounts {

    private final TreeMap<Long, Long> buckets;

    public CategoryCounts(Map<Long, Long> buckets) {
        this.buckets = new TreeMap<>(buckets);
    }

    public static CategoryCounts empty() {
        return new CategoryCounts(Map.of());
    }

    public NavigableMap<Long, Long> buckets() {
        return Collections.unmodifiableNavigableMap(buckets);
    }

    void increment(long bucketStart) {
        buckets.merge(bucketStart, 1L, Long::sum);
    }

    /** Sum of the buckets starting in {@code [from, to)}. */
    long sum(long from, long to) {
        return from >= to ? 0 : buckets.subMap(from, true, to, false).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Removes buckets starting before {@code before}; returns whether any was removed. */
    boolean pruneBefore(long before) {
        NavigableMap<Long, Long> old = buckets.headMap(before, false);
        boolean any = !old.isEmpty();
        old.clear();
        return any;
    }
}
