package io.aegis.router.topology;

import io.aegis.policy.Members;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.router.domain.CoordinationView;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.SharedSignal;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The router topology, a pure function of its inputs. Sources: every {@code aegis.outbox.<CC>}
 * (pattern, so new members need no redeploy) carrying signals, retractions, receipts and policy
 * submissions; {@code aegis.policies} as a global table; and {@code aegis.receipts}. Sinks:
 * {@code aegis.inbox.<CC>} (dynamic: shared copies and notices for recipients; delivery reports,
 * forwarded receipts and policy answers for origins), {@code aegis.coordination.signals},
 * {@code aegis.routing.audit} (hash-chained per partition), {@code aegis.receipts},
 * {@code aegis.policies} and {@code aegis.dlq}. Every stateful step is named.
 */
public final class RouterTopology {

    public static final String POLICIES_STORE = "router-policies";
    public static final String SIGNALS_STORE = "router-signals";
    public static final String EMBARGO_STORE = "router-embargo";
    public static final String CHAIN_STORE = "router-audit-chain";
    public static final String RECEIPTS_STORE = "router-receipts";
    /** country → the last policy this router accepted from the country's outbox. */
    public static final String ACCEPTED_POLICIES_STORE = "router-accepted-policies";

    private RouterTopology() {
    }

    public static Topology build(StreamsBuilder builder, Members members, Topics topics, RouterSettings settings) {
        Topic<String, SharingPolicy> policies = topics.policies();
        builder.globalTable(policies.name(), policies.consumed().withName("policies-source"),
                Materialized.<String, SharingPolicy, KeyValueStore<Bytes, byte[]>>as(POLICIES_STORE)
                        .withKeySerde(policies.keySerde()).withValueSerde(policies.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SIGNALS_STORE), Serdes.String(), RoutingState.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EMBARGO_STORE), Serdes.String(), new AvroBinarySerde<>(SharedSignal.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHAIN_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECEIPTS_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCEPTED_POLICIES_STORE),
                Serdes.String(), new AvroBinarySerde<>(SharingPolicy.class)));

        CoordinationView view = new CoordinationView(settings.networkKey());
        String anyMember = members.codes().iterator().next();
        var outboxDeserializer = topics.outbox(anyMember).valueDeserializer();
        KStream<String, Routed> routed = builder
                .stream(TopicNames.OUTBOX_PATTERN, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("outbox-source"))
                .process(() -> new RoutingProcessor(members, outboxDeserializer, view, settings.releaseInterval(), settings.service()),
                        Named.as("route"), SIGNALS_STORE, EMBARGO_STORE, ACCEPTED_POLICIES_STORE);
        routed.split(Named.as("routed-"))
                .branch((k, v) -> v instanceof Routed.ToInbox, Branched.withConsumer(s -> inboxes(s, topics), "inbox"))
                .branch((k, v) -> v instanceof Routed.ToCoordination, Branched.withConsumer(s -> s
                        .mapValues(v -> ((Routed.ToCoordination) v).signal(), Named.as("coordination-view"))
                        .to(topics.coordinationSignals().name(), topics.coordinationSignals().produced().withName("coordination-sink")), "coordination"))
                .branch((k, v) -> v instanceof Routed.ToAudit, Branched.withConsumer(s -> audit(s, topics, settings), "audit"))
                .branch((k, v) -> v instanceof Routed.ToReceipts, Branched.withConsumer(s -> s
                        .mapValues(v -> ((Routed.ToReceipts) v).receipt(), Named.as("receipt-unwrap"))
                        .to(topics.receipts().name(), topics.receipts().produced().withName("receipts-sink")), "receipts"))
                .branch((k, v) -> v instanceof Routed.ToPolicies, Branched.withConsumer(s -> s
                        .mapValues(v -> ((Routed.ToPolicies) v).policy(), Named.as("policy-unwrap"))
                        .to(policies.name(), policies.produced().withName("policies-sink")), "policies"))
                .defaultBranch(Branched.withConsumer(s -> s
                        .map((k, v) -> KeyValue.pair(((Routed.ToDlq) v).key(), ((Routed.ToDlq) v).value()), Named.as("dlq-unwrap"))
                        .to(topics.dlq().name(), topics.dlq().produced().withName("dlq-sink")), "dlq"));

        Serde<Receipt> receiptSerde = new AvroBinarySerde<>(Receipt.class);
        builder.stream(topics.receipts().name(), topics.receipts().consumed().withName("receipts-source"))
                .repartition(Repartitioned.with(Serdes.String(), receiptSerde).withName("receipts-by-signal")
                        .withNumberOfPartitions(settings.auditPartitions()))
                .process(ReceiptProcessor::new, Named.as("receipts"), RECEIPTS_STORE);
        return builder.build();
    }

    private static void inboxes(KStream<String, Routed> stream, Topics topics) {
        // One Avro serde for every inbox: its subject follows the topic name it is handed.
        Serializer<InboxEvent> inboxSerializer = topics.inboxValueSerializer();
        Serde<Routed> routedInbox = Serdes.serdeFrom(
                (topic, routed) -> inboxSerializer.serialize(topic, ((Routed.ToInbox) routed).event()),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("inbox copies are only written by the router");
                });
        stream.to((key, routed, context) -> TopicNames.inbox(((Routed.ToInbox) routed).destination()),
                Produced.with(Serdes.String(), routedInbox).withName("inbox-sink"));
    }

    private static void audit(KStream<String, Routed> stream, Topics topics, RouterSettings settings) {
        stream.processValues(AuditStamp::new, Named.as("audit-stamp"))
                .repartition(Repartitioned.with(Serdes.String(), new AvroBinarySerde<>(RoutingDecision.class))
                        .withName("audit-chain").withNumberOfPartitions(settings.auditPartitions()))
                .process(AuditChainProcessor::new, Named.as("audit-chain"), CHAIN_STORE, RECEIPTS_STORE)
                .to(topics.routingAudit().name(), topics.routingAudit().produced().withName("audit-sink"));
    }
}
