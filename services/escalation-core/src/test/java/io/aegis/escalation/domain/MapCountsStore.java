package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.EnumMap;
import java.util.Map;

/** Baseline counts on a map, for unit tests. */
final class MapCountsStore implements BucketedBaseline.CountsStore {

    final Map<Category, CategoryCounts> counts = new EnumMap<>(Category.class);

    @Override
    public CategoryCounts load(Category category) {
        CategoryCounts c = counts.get(category);
        return c == null ? CategoryCounts.empty() : new CategoryCounts(c.buckets());
    }

    @Override
    public void save(Category category, CategoryCounts c) {
        counts.put(category, c);
    }
}
