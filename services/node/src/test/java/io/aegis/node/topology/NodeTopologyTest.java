package io.aegis.node.topology;

import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.SequenceClock;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.common.Tier;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.DeliveryReport;
import io.aegis.schema.routing.PolicyStatus;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.testsupport.fixtures.Signals;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    final SerdeFactory serdes = new SerdeFactory(new InMemorySchemaRegistryClient());
    final Topics topics = new Topics(serdes);
    final AtomicLong lag = new AtomicLong(-1);
    TopologyTestDriver driver;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        NodeTopology.build(builder, topics, serdes,
                new NodeTopology.Settings("DE", "bsi", new SequenceClock(() -> 1_000L), lag::set, false));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "node-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props, T0);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** Receipts go on the node's own outbox, which proves their country to the router; nothing else does. */
    List<Receipt> receipts() {
        Topic<String, OutboxEvent> t = topics.outbox("DE");
        TestOutputTopic<String, OutboxEvent> outbox = driver.createOutputTopic(t.name(), t.keySerde().deserializer(),
                t.valueSerde().deserializer());
        List<OutboxEvent> events = outbox.readValuesToList();
        assertTrue(events.stream().allMatch(e -> e.getPayload() instanceof Receipt), events.toString());
        return events.stream().map(e -> (Receipt) e.getPayload()).toList();
    }

    static SharedSignal shared(String id, String destination) {
        return SharedSignal.newBuilder().setSignalId(id).setDestination(destination).setOriginCountry("FR")
                .setAttribution(Attribution.COUNTRY).setSubmittedAt(T0).setSharedAt(T0.minusMillis(300))
                .setContent(Signals.content().build()).setContentHash("sha256:abc").setPolicyVersion(3)
                .setDecisionId("d-" + id).build();
    }

    @Test
    void shouldStoreADeliveredSignalOnceAndAnswerEveryCopyWithADeliveredReceipt() {
        // Given the same shared signal delivered twice (at-least-once redelivery)
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("s1", new InboxEvent(shared("s1", "DE")), T0);
        inbox.pipeInput("s1", new InboxEvent(shared("s1", "DE")), T0.plusSeconds(1));

        // Then one item is stored under one cursor, and each copy earned a receipt
        KeyValueStore<String, SharedSignal> items = driver.getKeyValueStore(StoreNames.INBOX_ITEMS);
        KeyValueStore<String, String> index = driver.getKeyValueStore(StoreNames.INBOX_INDEX);
        assertEquals(1, count(items));
        assertEquals("s1", items.get(index.get("s1")).getSignalId());
        List<Receipt> out = receipts();
        assertEquals(2, out.size());
        assertTrue(out.stream().allMatch(r -> r.getKind() == ReceiptKind.DELIVERED && r.getCountry().equals("DE")
                && "bsi".equals(r.getNodeId())));
        assertEquals(300, lag.get());
    }

    @Test
    void shouldLeaveATombstoneEventAfterTheSignalWhenItIsRetractedAndEmitARetractedReceipt() {
        // Given two signals delivered
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("s1", new InboxEvent(shared("s1", "DE")), T0);
        inbox.pipeInput("s2", new InboxEvent(shared("s2", "DE")), T0);

        // When the first is retracted
        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").build()), T0.plusSeconds(5));

        // Then its content is gone from the feed, which holds s2 then the tombstone, after it in cursor order
        KeyValueStore<String, SharedSignal> items = driver.getKeyValueStore(StoreNames.INBOX_ITEMS);
        KeyValueStore<String, String> index = driver.getKeyValueStore(StoreNames.INBOX_INDEX);
        assertNull(index.get("s1"));
        assertEquals(List.of("s2"), values(items).stream().map(SharedSignal::getSignalId).toList());
        List<String> feed = feed();
        assertEquals(List.of("signal:s2", "retracted:s1"), feed.stream().map(e -> e.substring(e.indexOf(' ') + 1)).toList());
        Retraction tombstone = only(withdrawalsOf("s1"));
        assertEquals(RetractionKind.RETRACT, tombstone.getKind());
        assertEquals("false positive", tombstone.getReason());
        List<Receipt> out = receipts();
        assertEquals(List.of(ReceiptKind.DELIVERED, ReceiptKind.DELIVERED, ReceiptKind.RETRACTED),
                out.stream().map(Receipt::getKind).toList());
        assertEquals("s1", out.get(2).getSignalId());
    }

    @Test
    void shouldUpdateTheTlpOnADowngradeAndRecordTheDowngradeEvent() {
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("s1", new InboxEvent(shared("s1", "DE")), T0);

        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").setKind(RetractionKind.DOWNGRADE)
                .setReason("source less reliable").setNewTlp(Tlp.RED).setNewRecipients(List.of("DE")).build()), T0.plusSeconds(5));

        KeyValueStore<String, SharedSignal> items = driver.getKeyValueStore(StoreNames.INBOX_ITEMS);
        KeyValueStore<String, String> index = driver.getKeyValueStore(StoreNames.INBOX_INDEX);
        assertEquals(Tlp.RED, items.get(index.get("s1")).getContent().getTlp());
        assertEquals(List.of("DE"), items.get(index.get("s1")).getContent().getRecipients());
        assertEquals(List.of("signal:s1", "downgraded:s1"), feed().stream().map(e -> e.substring(e.indexOf(' ') + 1)).toList());
        Retraction downgrade = only(withdrawalsOf("s1"));
        assertEquals(Tlp.RED, downgrade.getNewTlp());
        assertEquals("source less reliable", downgrade.getReason());
        assertEquals(List.of(ReceiptKind.DELIVERED, ReceiptKind.DOWNGRADED), receipts().stream().map(Receipt::getKind).toList());
    }

    @Test
    void shouldRecordEachNoticeOnceWhateverTheRedeliveriesAndNothingForSignalsNeverHeld() {
        // Given a delivered signal, downgraded then retracted, every notice delivered twice (at least once)
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("s1", new InboxEvent(shared("s1", "DE")), T0);
        InboxEvent downgrade = new InboxEvent(Signals.retraction("s1", "FR").setKind(RetractionKind.DOWNGRADE).setNewTlp(Tlp.RED).build());
        InboxEvent retraction = new InboxEvent(Signals.retraction("s1", "FR").setIssuedAt(Signals.OBSERVED.plusSeconds(7200)).build());
        for (InboxEvent notice : List.of(downgrade, downgrade, retraction, retraction)) {
            inbox.pipeInput("s1", notice, T0.plusSeconds(5));
        }
        // and notices about a signal this node never held, nor a later downgrade of the retracted one
        inbox.pipeInput("never", new InboxEvent(Signals.retraction("never", "FR").build()), T0.plusSeconds(6));
        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").setKind(RetractionKind.DOWNGRADE)
                .setIssuedAt(Signals.OBSERVED.plusSeconds(9000)).setNewTlp(Tlp.RED).build()), T0.plusSeconds(7));

        // Then one event per notice, nothing names the unknown id, and every notice is still answered
        assertEquals(List.of("downgraded:s1", "retracted:s1"), feed().stream().map(e -> e.substring(e.indexOf(' ') + 1)).toList());
        assertTrue(withdrawalsOf("never").isEmpty());
        assertEquals(7, receipts().size());
    }

    @Test
    void shouldNotBringBackARetractedSignalWhenItsCopyIsRedelivered() {
        // why: the node processes at least once; replaying the copy after its retraction must not restore the content
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("s1", new InboxEvent(shared("s1", "DE")), T0);
        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").build()), T0.plusSeconds(5));

        inbox.pipeInput("s1", new InboxEvent(shared("s1", "DE")), T0.plusSeconds(6));

        assertEquals(List.of("retracted:s1"), feed().stream().map(e -> e.substring(e.indexOf(' ') + 1)).toList());
        assertNull(driver.<String, String>getKeyValueStore(StoreNames.INBOX_INDEX).get("s1"));
        assertEquals(List.of(ReceiptKind.DELIVERED, ReceiptKind.RETRACTED, ReceiptKind.DELIVERED),
                receipts().stream().map(Receipt::getKind).toList());
    }

    @Test
    void shouldKeepNoMoreOfTheOriginOnAnEventThanTheCopyShowed() {
        // Given an ANONYMOUS copy, and a notice that names the origin (its attribution changed since)
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("s1", new InboxEvent(SharedSignal.newBuilder(shared("s1", "DE")).setOriginCountry(null)
                .setAttribution(Attribution.ANONYMOUS).build()), T0);

        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").build()), T0.plusSeconds(5));

        Retraction tombstone = only(withdrawalsOf("s1"));
        assertNull(tombstone.getOriginCountry());
        assertNull(tombstone.getOriginAgency());
        assertEquals(0, tombstone.getSignature().remaining());
    }

    /** The inbox feed, items and withdrawal events merged by cursor: "cursor kind:id". */
    List<String> feed() {
        KeyValueStore<String, SharedSignal> items = driver.getKeyValueStore(StoreNames.INBOX_ITEMS);
        KeyValueStore<String, Retraction> events = driver.getKeyValueStore(StoreNames.INBOX_WITHDRAWALS);
        java.util.TreeMap<String, String> feed = new java.util.TreeMap<>();
        try (var it = items.all()) {
            it.forEachRemaining(kv -> feed.put(kv.key, "signal:" + kv.value.getSignalId()));
        }
        try (var it = events.all()) {
            it.forEachRemaining(kv -> feed.put(kv.key, (kv.value.getKind() == RetractionKind.RETRACT ? "retracted:" : "downgraded:")
                    + kv.value.getSignalId()));
        }
        return feed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
    }

    List<Retraction> withdrawalsOf(String signalId) {
        KeyValueStore<String, Retraction> bySignal = driver.getKeyValueStore(StoreNames.INBOX_WITHDRAWAL_INDEX);
        List<Retraction> found = new java.util.ArrayList<>();
        try (var it = bySignal.prefixScan(signalId + StoreNames.SEPARATOR, new org.apache.kafka.common.serialization.StringSerializer())) {
            it.forEachRemaining(kv -> found.add(kv.value));
        }
        return found;
    }

    static <T> T only(List<T> values) {
        assertEquals(1, values.size(), values.toString());
        return values.get(0);
    }

    static <V> List<V> values(KeyValueStore<String, V> store) {
        List<V> values = new java.util.ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> values.add(kv.value));
        }
        return values;
    }

    @Test
    void shouldIgnoreACopyMadeForAnotherCountry() {
        input(topics.inbox("DE")).pipeInput("s1", new InboxEvent(shared("s1", "JP")), T0);

        assertEquals(0, count(driver.<String, SharedSignal>getKeyValueStore(StoreNames.INBOX_ITEMS)));
        assertTrue(receipts().isEmpty());
    }

    @Test
    void shouldKeepTheRoutersReportsAndReceiptsOnOwnSignalsFromTheInbox() {
        // Given the router's report on a DE signal and a report that names another origin
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("own", new InboxEvent(new DeliveryReport("own", "DE", List.of(
                decision("own", "DE", "FR", DecisionOutcome.DELIVER), decision("own", "DE", "JP", DecisionOutcome.WITHHOLD)))), T0);
        inbox.pipeInput("foreign", new InboxEvent(new DeliveryReport("foreign", "FR",
                List.of(decision("foreign", "FR", "DE", DecisionOutcome.DELIVER)))), T0);
        // When the receipt FR wrote for the DE signal is forwarded
        inbox.pipeInput("own", new InboxEvent(receipt("own", "FR")), T0.plusSeconds(1));

        // Then the own signal's decisions and its receipt are kept, nothing of the other origin, and no receipt is owed
        KeyValueStore<String, RoutingDecision> decisions = driver.getKeyValueStore(StoreNames.DELIVERY_DECISIONS);
        KeyValueStore<String, Receipt> kept = driver.getKeyValueStore(StoreNames.DELIVERY_RECEIPTS);
        assertEquals(2, count(decisions));
        assertNotNull(decisions.get("own|JP|WITHHOLD"));
        assertEquals(1, count(kept));
        assertNotNull(kept.get("own|FR|DELIVERED"));
        assertTrue(receipts().isEmpty());
        assertEquals(0, count(driver.<String, SharedSignal>getKeyValueStore(StoreNames.INBOX_ITEMS)));
    }

    @Test
    void shouldKeepOnlyCasesInvolvingThisCountryAndDropThemWhenNoLongerInvolved() {
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("c1", new InboxEvent(emergency("c1", List.of("DE", "FR"))), T0);
        inbox.pipeInput("c2", new InboxEvent(emergency("c2", List.of("FR", "JP"))), T0);
        KeyValueStore<String, EmergencyCase> store = driver.getKeyValueStore(StoreNames.CASES);
        assertNotNull(store.get("c1"));
        assertNull(store.get("c2"));

        inbox.pipeInput("c1", new InboxEvent(emergency("c1", List.of("FR"))), T0.plusSeconds(1));

        assertNull(store.get("c1"));
    }

    @Test
    void shouldKeepEveryCopyOfACaseAsItsHistoryAndForgetItWhenNoLongerInvolved() {
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        EmergencyCase first = emergency("c1", List.of("DE", "FR"));
        EmergencyCase second = EmergencyCase.newBuilder(first).setLastSequence(3).setTier(Tier.CRITICAL).build();
        inbox.pipeInput("c1", new InboxEvent(first), T0);
        inbox.pipeInput("c1", new InboxEvent(second), T0.plusSeconds(1));
        inbox.pipeInput("c10", new InboxEvent(emergency("c10", List.of("DE"))), T0.plusSeconds(1));
        inbox.pipeInput("c2", new InboxEvent(emergency("c2", List.of("FR", "JP"))), T0.plusSeconds(1));
        KeyValueStore<String, EmergencyCase> history = driver.getKeyValueStore(StoreNames.CASE_HISTORY);
        assertEquals(first, history.get("c1|0000000000000000000"));
        assertEquals(second, history.get("c1|0000000000000000003"));
        assertEquals(3, count(history));

        // a copy that no longer involves this country takes the case's whole history with it, and no other case's
        inbox.pipeInput("c1", new InboxEvent(EmergencyCase.newBuilder(second).setLastSequence(4)
                .setInvolvedCountries(List.of("FR")).build()), T0.plusSeconds(2));

        assertEquals(1, count(history));
        assertNotNull(history.get("c10|0000000000000000000"));
    }

    @Test
    void shouldKeepThePolicyInForceAndTheLatestAnswerNeverGoingBackAVersion() {
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("policy", new InboxEvent(status("DE", true, policy("DE", 3), T0)), T0);
        inbox.pipeInput("policy", new InboxEvent(status("DE", true, policy("DE", 2), T0.plusSeconds(1))), T0.plusSeconds(1));
        inbox.pipeInput("policy", new InboxEvent(status("FR", true, policy("FR", 9), T0.plusSeconds(1))), T0.plusSeconds(1));
        // a rejected submission leaves the policy in force and is the latest answer
        PolicyStatus rejected = PolicyStatus.newBuilder(status("DE", false, policy("DE", 3), T0.plusSeconds(2)))
                .setViolations(List.of("rules[0].to: unknown group 'asean'")).build();
        inbox.pipeInput("policy", new InboxEvent(rejected), T0.plusSeconds(2));

        KeyValueStore<String, SharingPolicy> store = driver.getKeyValueStore(StoreNames.POLICY);
        KeyValueStore<String, PolicyStatus> answers = driver.getKeyValueStore(StoreNames.POLICY_SUBMISSIONS);
        assertEquals(3, store.get("DE").getVersion());
        assertNull(store.get("FR"));
        assertEquals(List.of("rules[0].to: unknown group 'asean'"), answers.get(StoreNames.LATEST_SUBMISSION).getViolations());
    }

    static PolicyStatus status(String country, boolean accepted, SharingPolicy policy, Instant at) {
        return PolicyStatus.newBuilder().setCountry(country).setAccepted(accepted).setVersion(policy.getVersion())
                .setPolicy(policy).setDecidedAt(at).build();
    }

    static RoutingDecision decision(String signalId, String origin, String destination, DecisionOutcome outcome) {
        return RoutingDecision.newBuilder().setDecisionId(signalId + destination).setSignalId(signalId)
                .setOriginCountry(origin).setDestination(destination).setOutcome(outcome).setPolicyVersion(1)
                .setReason("rule r1").setDecidedAt(T0).setContentHash("sha256:abc").setTlp(Tlp.AMBER).build();
    }

    static Receipt receipt(String signalId, String country) {
        return Receipt.newBuilder().setSignalId(signalId).setCountry(country).setKind(ReceiptKind.DELIVERED).setAt(T0).build();
    }

    static EmergencyCase emergency(String id, List<String> countries) {
        return EmergencyCase.newBuilder().setCaseId(id).setCorrelationKey("k").setTier(Tier.SEVERE).setState(CaseState.OPEN)
                .setOpenedAt(T0).setUpdatedAt(T0).setInvolvedCountries(countries).build();
    }

    static SharingPolicy policy(String country, int version) {
        return SharingPolicy.newBuilder().setCountry(country).setVersion(version).setUpdatedAt(T0).build();
    }

    static long count(KeyValueStore<String, ?> store) {
        try (var it = store.all()) {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        }
    }
}
