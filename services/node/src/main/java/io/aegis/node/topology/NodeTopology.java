package io.aegis.node.topology;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.SequenceClock;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.function.LongConsumer;

/**
 * The node's one Kafka Streams application: materialises what the node shows (inbox,
 * own signals and their delivery state, notifications, cases, its policy) into local state
 * stores and writes receipts on its own outbox. It reads only this country's topics (inbox,
 * notifications, its own outbox), which is all the broker ACLs let a node read. Pure: no I/O and
 * no framework types; stateful steps are named.
 */
public final class NodeTopology {

    /**
     * What the topology needs to know about the node.
     *
     * @param country    this node's ISO 3166-1 alpha-2 code
     * @param nodeId     written on receipts (the agency id)
     * @param clock      issues inbox and notification cursors
     * @param inboxLag   told the delay, in ms, between the router sharing a signal and the node storing it
     * @param persistent RocksDB stores when true, in-memory (restored from changelogs) otherwise
     */
    public record Settings(String country, String nodeId, SequenceClock clock, LongConsumer inboxLag, boolean persistent) {
    }

    private NodeTopology() {
    }

    /** Adds every part of the node topology to {@code builder}; returns the receipts stream. */
    public static KStream<String, ?> build(StreamsBuilder builder, Topics topics, SerdeFactory serdes, Settings settings) {
        KStream<String, ?> receipts = InboxTopology.build(builder, topics, serdes, settings);
        OwnSignalsTopology.build(builder, topics, serdes, settings);
        NotificationTopology.build(builder, topics, serdes, settings);
        return receipts;
    }

    static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values, boolean persistent) {
        KeyValueBytesStoreSupplier supplier = persistent
                ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values);
    }

    static StoreBuilder<KeyValueStore<String, String>> index(String name, boolean persistent) {
        return store(name, Serdes.String(), persistent);
    }
}
