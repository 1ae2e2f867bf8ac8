package io.aegis.escalation.topology;

import io.aegis.escalation.domain.BucketedBaseline;
import io.aegis.escalation.domain.CategoryCounts;
import io.aegis.schema.common.Category;
import org.apache.kafka.streams.state.KeyValueStore;

/** The per-category baseline counts in a key-value store keyed by category name. */
final class StreamsCountsStore implements BucketedBaseline.CountsStore {

    private final KeyValueStore<String, CategoryCounts> store;

    StreamsCountsStore(KeyValueStore<String, CategoryCounts> store) {
        this.store = store;
    }

    @Override
    public CategoryCounts load(Category category) {
        CategoryCounts counts = store.get(category.name());
        return counts == null ? CategoryCounts.empty() : counts;
    }

    @Override
    public void save(Category category, CategoryCounts counts) {
        if (counts.buckets().isEmpty()) {
            store.delete(category.name());
        } else {
            store.put(category.name(), counts);
        }
    }
}
