package io.aegis.node.messaging;

import io.micronaut.configuration.kafka.streams.InteractiveQueryService;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Read access to the node's local state stores for the API. A store that cannot be read yet
 * raises {@link StoreUnavailableException} (503) rather than answering with partial data.
 * Cursor pages merge every partition of a store in key order ({@link #page}); that order is the
 * arrival order because cursors come from one clock on the node's one stream thread
 * ({@code num.stream.threads: 1}).
 */
@Singleton
public class NodeStores {

    /** Most entries one page request looks at, whatever its filters. */
    public static final int MAX_SCAN = 10_000;

    /** One page of a cursor-ordered store: items after the cursor and the cursor to continue from. */
    public record Page<T>(List<KeyValue<String, T>> items, String next) {
    }

    private final InteractiveQueryService queries;
    private final PartitionedRanges ranges;

    public NodeStores(InteractiveQueryService queries, @Named("default") KafkaStreams streams,
                      StorePartitions partitions) {
        this.queries = queries;
        this.ranges = new PartitionedRanges(streams, partitions);
    }

    public <T> Optional<T> get(String store, String key) {
        return read(store, s -> Optional.ofNullable(s.<T>get(key)));
    }

    public <T> List<T> prefix(String store, String prefix) {
        return read(store, s -> {
            List<T> values = new ArrayList<>();
            try (KeyValueIterator<String, T> it = s.prefixScan(prefix, new StringSerializer())) {
                it.forEachRemaining(kv -> values.add(kv.value));
            }
            return values;
        });
    }

    public <T> List<T> all(String store, int limit) {
        return read(store, s -> {
            List<T> values = new ArrayList<>();
            try (KeyValueIterator<String, T> it = s.<T>all()) {
                while (it.hasNext() && values.size() < limit) {
                    values.add(it.next().value);
                }
            }
            return values;
        });
    }

    /**
     * Items with a key after {@code after} (exclusive; null = from the start), in key order over
     * every partition of the store, that pass {@code filter}; at most {@code limit}, looking at no
     * more than {@link #MAX_SCAN} entries. {@code next} is the last key looked at, or {@code after}
     * when nothing newer exists, so a reader can always resume from it.
     *
     * <p>Why two reads: partitions are read one after another while the stream thread keeps
     * writing, so a later partition may show an item whose cursor is newer than one written
     * meanwhile to a partition already read. The first read finds the newest cursor stored
     * anywhere; every older cursor was stored before it (cursors come from one clock on the one
     * stream thread), so the second read, bounded by it, sees all of them and nothing is skipped.
     *
     * @throws StoreUnavailableException when any partition cannot be read: never a partial page
     */
    public <T> Page<T> page(String store, String after, int limit, Predicate<T> filter) {
        return page(List.of(store), after, limit, filter);
    }

    /**
     * The same over several stores keyed by cursors of one clock (the inbox's items and its
     * withdrawal events), merged in key order as one feed; the newest cursor of any of them bounds
     * the second read, so the argument above holds across stores too.
     */
    public <T> Page<T> page(List<String> stores, String after, int limit, Predicate<T> filter) {
        Optional<String> newest = stores.stream().map(ranges::lastKey).flatMap(Optional::stream).max(String::compareTo);
        if (newest.isEmpty() || (after != null && newest.get().compareTo(after) <= 0)) {
            return new Page<>(List.of(), after);
        }
        List<KeyValue<String, T>> items = new ArrayList<>();
        String last = after;
        int scanned = 0;
        try (SortedMerge<T> it = new SortedMerge<>(ascending(stores, after, newest.get()))) {
            while (it.hasNext() && items.size() < limit && scanned < MAX_SCAN) {
                KeyValue<String, T> kv = it.next();
                if (kv.key.equals(after)) {
                    continue;
                }
                scanned++;
                last = kv.key;
                if (filter.test(kv.value)) {
                    items.add(kv);
                }
            }
        }
        return new Page<>(items, last);
    }

    private <T> List<KeyValueIterator<String, T>> ascending(List<String> stores, String from, String to) {
        List<KeyValueIterator<String, T>> iterators = new ArrayList<>();
        try {
            for (String store : stores) {
                iterators.addAll(ranges.<T>ascending(store, from, to));
            }
        } catch (RuntimeException e) {
            SortedMerge.closeAll(iterators);
            throw e;
        }
        return iterators;
    }

    /**
     * The stores among {@code names} that cannot be read yet (being restored, rebalanced, or the
     * streams client not running), in the given order; empty when the API can serve them all.
     */
    public List<String> unreadable(List<String> names) {
        List<String> waiting = new ArrayList<>();
        for (String name : names) {
            try {
                read(name, s -> s.store().approximateNumEntries());
            } catch (StoreUnavailableException e) {
                waiting.add(name);
            }
        }
        return waiting;
    }

    private interface StoreRead<R> {
        R apply(Store s);
    }

    /** Untyped view of a store so one method can read values of any type. */
    private record Store(ReadOnlyKeyValueStore<String, Object> store) {
        @SuppressWarnings("unchecked")
        <T> T get(String key) {
            return (T) store.get(key);
        }

        @SuppressWarnings("unchecked")
        <T> KeyValueIterator<String, T> prefixScan(String prefix, StringSerializer serializer) {
            return (KeyValueIterator<String, T>) (KeyValueIterator<String, ?>) store.prefixScan(prefix, serializer);
        }

        @SuppressWarnings("unchecked")
        <T> KeyValueIterator<String, T> all() {
            return (KeyValueIterator<String, T>) (KeyValueIterator<String, ?>) store.all();
        }

    }

    private <R> R read(String name, StoreRead<R> read) {
        try {
            ReadOnlyKeyValueStore<String, Object> store = queries
                    .getQueryableStore(name, QueryableStoreTypes.<String, Object>keyValueStore())
                    .orElseThrow(() -> new StoreUnavailableException(name, null));
            return read.apply(new Store(store));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException(name, e);
        }
    }
}
