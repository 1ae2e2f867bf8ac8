package io.aegis.node.messaging;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SortedMergeTest {

    final AtomicInteger closed = new AtomicInteger();

    KeyValueIterator<String, String> partition(String... keys) {
        Iterator<String> it = List.of(keys).iterator();
        return new KeyValueIterator<>() {
            String peeked;

            @Override
            public boolean hasNext() {
                return peeked != null || it.hasNext();
            }

            @Override
            public KeyValue<String, String> next() {
                String key = peeked != null ? peeked : it.next();
                peeked = null;
                return KeyValue.pair(key, "v" + key);
            }

            @Override
            public String peekNextKey() {
                if (peeked == null) {
                    peeked = it.next();
                }
                return peeked;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    static List<String> keys(SortedMerge<String> merge) {
        List<String> keys = new ArrayList<>();
        merge.forEachRemaining(kv -> keys.add(kv.key));
        return keys;
    }

    @Test
    void shouldInterleavePartitionsInKeyOrder() {
        // why: cursors are spread over partitions by signal id, so every partition holds a slice of the timeline
        try (SortedMerge<String> merge = new SortedMerge<>(List.of(partition("01", "04", "07"), partition("02", "05"),
                partition(), partition("03", "06", "08", "09")))) {

            assertEquals(List.of("01", "02", "03", "04", "05", "06", "07", "08", "09"), keys(merge));
            assertFalse(merge.hasNext());
        }
    }

    @Test
    void shouldKeepTheValueOfEachKey() {
        try (SortedMerge<String> merge = new SortedMerge<>(List.of(partition("2"), partition("1")))) {
            assertEquals(KeyValue.pair("1", "v1"), merge.next());
            assertEquals(KeyValue.pair("2", "v2"), merge.next());
        }
    }

    @Test
    void shouldCloseEveryPartitionEvenWhenStoppedEarly() {
        SortedMerge<String> merge = new SortedMerge<>(List.of(partition("1", "3"), partition("2"), partition()));

        merge.next();
        merge.close();

        assertEquals(3, closed.get());
    }

    @Test
    void shouldSayWhenExhausted() {
        try (SortedMerge<String> merge = new SortedMerge<>(List.of(partition()))) {
            assertThrows(java.util.NoSuchElementException.class, merge::next);
        }
    }
}
