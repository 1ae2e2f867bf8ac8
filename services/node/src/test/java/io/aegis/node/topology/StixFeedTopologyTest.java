package io.aegis.node.topology;

import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.SequenceClock;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.stix.StixExport;
import io.aegis.testsupport.fixtures.Signals;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TAXII collections' order as the node's topology keeps it: one entry per signal, moved to the
 * cursor of each new version; the origin's retraction leaves a revoked, content-free entry; a copy
 * withdrawn because a downgrade no longer allows this country leaves the collection.
 */
class StixFeedTopologyTest {

    static final Instant T0 = NodeTopologyTest.T0;
    final SerdeFactory serdes = new SerdeFactory(new InMemorySchemaRegistryClient());
    final Topics topics = new Topics(serdes);
    final AtomicLong millis = new AtomicLong(1_000);
    TopologyTestDriver driver;
    TestInputTopic<String, InboxEvent> inbox;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        NodeTopology.build(builder, topics, serdes, new NodeTopology.Settings("DE", "bsi", new SequenceClock(millis::get), x -> { }, false));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "node-stix-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props, T0);
        var topic = topics.inbox("DE");
        inbox = driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldMoveADowngradedSignalToANewVersionAfterLaterSignals() {
        inbox.pipeInput("s1", new InboxEvent(NodeTopologyTest.shared("s1", "DE")), T0);
        inbox.pipeInput("s2", new InboxEvent(NodeTopologyTest.shared("s2", "DE")), T0);
        Instant downgradedAt = T0.plusSeconds(9);
        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").setKind(RetractionKind.DOWNGRADE)
                .setIssuedAt(downgradedAt).setNewTlp(Tlp.RED).setNewRecipients(List.of("DE")).build()), T0.plusSeconds(10));

        List<StixFeed.Entry> feed = entries(StoreNames.STIX_INBOX);
        assertEquals(List.of("s2", "s1"), feed.stream().map(StixFeed.Entry::signalId).toList());
        assertEquals(T0.minusMillis(300), feed.get(0).modified(), "a first version is the copy's release");
        assertEquals(downgradedAt, feed.get(1).modified());
        assertFalse(feed.get(1).revoked());
    }

    @Test
    void shouldReplaceTheHeldCopyWithTheCopyRemadeAfterADowngradeAndNeverGoBack() {
        // Given a held copy, downgraded to RED, and the copy the router re-made under RED (description now redacted)
        var original = NodeTopologyTest.shared("s1", "DE");
        inbox.pipeInput("s1", new InboxEvent(original), T0);
        Instant downgradedAt = T0.plusSeconds(9);
        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").setKind(RetractionKind.DOWNGRADE)
                .setIssuedAt(downgradedAt).setNewTlp(Tlp.RED).setNewRecipients(List.of("DE")).build()), T0.plusSeconds(10));
        var remade = io.aegis.schema.signal.SharedSignal.newBuilder(original).setDecisionId("d-s1-remade")
                .setSharedAt(T0.plusSeconds(10))
                .setContent(io.aegis.schema.signal.SignalContent.newBuilder(original.getContent()).setTlp(Tlp.RED)
                        .setDescription(null).setRecipients(List.of("DE")).build())
                .setRedactedFields(List.of("description")).build();

        // When the re-made copy arrives, and then the original is redelivered (at least once)
        inbox.pipeInput("s1", new InboxEvent(remade), T0.plusSeconds(11));
        inbox.pipeInput("s1", new InboxEvent(original), T0.plusSeconds(12));

        // Then the held copy is the re-made one, and the collection's version is the re-made copy's
        KeyValueStore<String, io.aegis.schema.signal.SharedSignal> items = driver.getKeyValueStore(StoreNames.INBOX_ITEMS);
        var held = items.get(driver.<String, String>getKeyValueStore(StoreNames.INBOX_INDEX).get("s1"));
        assertNull(held.getContent().getDescription());
        assertEquals(Tlp.RED, held.getContent().getTlp());
        assertEquals(List.of("description"), held.getRedactedFields());
        List<StixFeed.Entry> feed = entries(StoreNames.STIX_INBOX);
        assertEquals(1, feed.size());
        assertEquals(T0.plusSeconds(10), feed.get(0).modified());
    }

    @Test
    void shouldKeepOnlyARevokedSkeletonOnceTheOriginRetracts() {
        inbox.pipeInput("s1", new InboxEvent(NodeTopologyTest.shared("s1", "DE")), T0);
        Instant retractedAt = T0.plusSeconds(20);
        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").setIssuedAt(retractedAt).build()), T0.plusSeconds(21));

        StixFeed.Entry entry = entries(StoreNames.STIX_INBOX).get(0);
        assertTrue(entry.revoked());
        assertEquals(retractedAt, entry.modified());
        assertEquals(StixExport.reportId("s1"), entry.skeleton().objectIds().get(0));
        assertEquals(T0, entry.skeleton().created(), "revoked versions keep the signal's created");
        assertFalse(StixFeed.encode(entry).contains("Voice-clone"), "no content is kept once retracted");
    }

    @Test
    void shouldDropACopyThatADowngradeNoLongerAllowsWithoutARevokedVersion() {
        inbox.pipeInput("s1", new InboxEvent(NodeTopologyTest.shared("s1", "DE")), T0);
        // the router's notice to a recipient the downgrade removed: a RETRACT carrying the downgrade's new label
        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").setNewTlp(Tlp.RED).setNewRecipients(List.of("JP"))
                .setReason("downgraded to TLP:RED, no longer allowed").build()), T0.plusSeconds(5));

        assertEquals(List.of(), entries(StoreNames.STIX_INBOX));
        assertNull(driver.<String, String>getKeyValueStore(StoreNames.STIX_INBOX_INDEX).get("s1"));
    }

    @Test
    void shouldListOwnSignalsOnceAndMoveThemOnEachRetractionOrDowngradeButNotOnRedelivery() {
        var topic = topics.outbox("DE");
        TestInputTopic<String, OutboxEvent> outbox = driver.createInputTopic(topic.name(), topic.keySerde().serializer(),
                topic.valueSerde().serializer());
        var own = Signals.signal("DE").setId("o1").build();
        outbox.pipeInput("o1", new OutboxEvent(own), T0);
        outbox.pipeInput("o1", new OutboxEvent(own), T0);
        outbox.pipeInput("o2", new OutboxEvent(Signals.signal("DE").setId("o2").build()), T0);
        var retraction = Signals.retraction("o1", "DE").setIssuedAt(T0.plusSeconds(30)).build();
        outbox.pipeInput("o1", new OutboxEvent(retraction), T0.plusSeconds(30));
        outbox.pipeInput("o1", new OutboxEvent(retraction), T0.plusSeconds(31));

        List<StixFeed.Entry> feed = entries(StoreNames.STIX_OUTBOX);
        assertEquals(List.of("o2", "o1"), feed.stream().map(StixFeed.Entry::signalId).toList());
        assertEquals(T0.plusSeconds(30), feed.get(1).modified());
    }

    private List<StixFeed.Entry> entries(String store) {
        KeyValueStore<String, String> entries = driver.getKeyValueStore(store);
        List<StixFeed.Entry> list = new ArrayList<>();
        try (var it = entries.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                list.add(StixFeed.decode(kv.value));
            }
        }
        return list;
    }
}
