package io.aegis.node.messaging;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * K-way merge of key-ordered iterators (one per store partition) into one iterator in key order.
 * Invariants: given inputs each ascending by key, the output is ascending by key and holds every
 * entry of every input exactly once; {@link #close()} closes every input, even when some are
 * unread, so RocksDB iterators never leak.
 *
 * @param <T> the values
 */
public final class SortedMerge<T> implements Iterator<KeyValue<String, T>>, AutoCloseable {

    /** The next unread entry of one input. */
    private record Head<T>(KeyValue<String, T> entry, Iterator<KeyValue<String, T>> rest) {
    }

    private final List<KeyValueIterator<String, T>> inputs;
    private final PriorityQueue<Head<T>> heads = new PriorityQueue<>(Comparator.comparing(h -> h.entry().key));

    public SortedMerge(List<KeyValueIterator<String, T>> inputs) {
        this.inputs = new ArrayList<>(inputs);
        try {
            for (KeyValueIterator<String, T> input : this.inputs) {
                advance(input);
            }
        } catch (RuntimeException e) {
            closeAll(this.inputs);
            throw e;
        }
    }

    private void advance(Iterator<KeyValue<String, T>> input) {
        if (input.hasNext()) {
            heads.add(new Head<>(input.next(), input));
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public KeyValue<String, T> next() {
        Head<T> smallest = heads.poll();
        if (smallest == null) {
            throw new NoSuchElementException();
        }
        advance(smallest.rest());
        return smallest.entry();
    }

    @Override
    public void close() {
        heads.clear();
        closeAll(inputs);
    }

    /** Closes every iterator, even when one fails to close; rethrows the first failure. */
    static void closeAll(List<? extends KeyValueIterator<?, ?>> iterators) {
        RuntimeException first = null;
        for (KeyValueIterator<?, ?> iterator : iterators) {
            try {
                iterator.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
