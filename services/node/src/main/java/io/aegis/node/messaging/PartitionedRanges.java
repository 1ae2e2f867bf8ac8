package io.aegis.node.messaging;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Range reads of a String-keyed store, one iterator per partition, through Kafka Streams'
 * interactive queries v2 (the composite store of IQv1 reads partitions one after another and
 * does not merge their keys). Invariant: it answers only when every partition of the store was
 * queried on an active, running task of this instance (the count comes from {@link StorePartitions});
 * otherwise it closes whatever it opened and throws {@link StoreUnavailableException}, so a caller
 * never builds a page from some partitions.
 */
final class PartitionedRanges {

    private final KafkaStreams streams;
    private final StorePartitions counts;

    PartitionedRanges(KafkaStreams streams, StorePartitions counts) {
        this.streams = streams;
        this.counts = counts;
    }

    /** One iterator per partition over keys in [from, to] (null = open), each in ascending key order. */
    <T> List<KeyValueIterator<String, T>> ascending(String store, String from, String to) {
        return query(store, RangeQuery.withRange(from, to));
    }

    /** The greatest key in the store over all partitions, or empty when every partition is empty. */
    Optional<String> lastKey(String store) {
        List<KeyValueIterator<String, Object>> tails = query(store, RangeQuery.<String, Object>withNoBounds().withDescendingKeys());
        try {
            return tails.stream().filter(KeyValueIterator::hasNext).map(KeyValueIterator::peekNextKey)
                    .max(String::compareTo);
        } finally {
            SortedMerge.closeAll(tails);
        }
    }

    private <T> List<KeyValueIterator<String, T>> query(String store, RangeQuery<String, T> range) {
        Set<Integer> partitions = partitions(store);
        StateQueryResult<KeyValueIterator<String, T>> result;
        try {
            result = streams.query(StateQueryRequest.inStore(store).withQuery(range).withPartitions(partitions)
                    .requireActive());
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException(store, e);
        }
        List<KeyValueIterator<String, T>> iterators = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Integer, QueryResult<KeyValueIterator<String, T>>> entry
                : result.getPartitionResults().entrySet()) {
            QueryResult<KeyValueIterator<String, T>> partition = entry.getValue();
            if (partition.isSuccess() && partitions.contains(entry.getKey())) {
                iterators.add(partition.getResult());
            } else if (partition.isFailure()) {
                failures.add("partition " + entry.getKey() + ": " + partition.getFailureReason() + " "
                        + partition.getFailureMessage());
            }
        }
        if (!failures.isEmpty() || iterators.size() != partitions.size()) {
            SortedMerge.closeAll(iterators);
            throw new StoreUnavailableException(store, new InvalidStateStoreException(failures.isEmpty()
                    ? "only " + iterators.size() + " of " + partitions.size() + " partitions answered"
                    : String.join("; ", failures)));
        }
        return iterators;
    }

    /** Every partition the store has, 0..n-1. */
    private Set<Integer> partitions(String store) {
        return IntStream.range(0, counts.count(store)).boxed().collect(Collectors.toCollection(TreeSet::new));
    }
}
