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
    void shouldRemoveARetractedSignalFromTheInboxAndEmitARetractedReceipt() {
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("s1", new InboxEvent(shared("s1", "DE")), T0);
        inbox.pipeInput("s2", new InboxEvent(shared("s2", "DE")), T0);

        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").build()), T0.plusSeconds(5));

        KeyValueStore<String, SharedSignal> items = driver.getKeyValueStore(StoreNames.INBOX_ITEMS);
        KeyValueStore<String, String> index = driver.getKeyValueStore(StoreNames.INBOX_INDEX);
        assertNull(index.get("s1"));
        assertEquals(1, count(items));
        List<Receipt> out = receipts();
        assertEquals(List.of(ReceiptKind.DELIVERED, ReceiptKind.DELIVERED, ReceiptKind.RETRACTED),
                out.stream().map(Receipt::getKind).toList());
        assertEquals("s1", out.get(2).getSignalId());
    }

    @Test
    void shouldApplyADowngradeToTheStoredCopy() {
        TestInputTopic<String, InboxEvent> inbox = input(topics.inbox("DE"));
        inbox.pipeInput("s1", new InboxEvent(shared("s1", "DE")), T0);

        inbox.pipeInput("s1", new InboxEvent(Signals.retraction("s1", "FR").setKind(RetractionKind.DOWNGRADE)
                .setNewTlp(Tlp.RED).setNewRecipients(List.of("DE")).build()), T0.plusSeconds(5));

        KeyValueStore<String, SharedSignal> items = driver.getKeyValueStore(StoreNames.INBOX_ITEMS);
        KeyValueStore<String, String> index = driver.getKeyValueStore(StoreNames.INBOX_INDEX);
        assertEquals(Tlp.RED, items.get(index.get("s1")).getContent().getTlp());
        assertEquals(ReceiptKind.DOWNGRADED, receipts().get(1).getKind());
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
