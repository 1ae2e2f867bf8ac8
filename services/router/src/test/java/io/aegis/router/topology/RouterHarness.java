package io.aegis.router.topology;

import io.aegis.policy.Member;
import io.aegis.policy.Members;
import io.aegis.policy.PolicyDocument;
import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.crypto.SignalSigner;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.router.domain.Fixtures;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A router topology on a TopologyTestDriver with five demo members holding real Ed25519 keys. */
final class RouterHarness implements AutoCloseable {

    static final byte[] NETWORK_KEY = "test-network-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final List<String> CODES = List.of("FR", "DE", "JP", "BR", "KE");

    final Map<String, KeyPair> keys = new LinkedHashMap<>();
    final Members members;
    final Topics topics = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient()));
    final TopologyTestDriver driver;
    Instant now = Fixtures.NOW;

    RouterHarness() throws Exception {
        List<Member> list = new ArrayList<>();
        for (String cc : CODES) {
            KeyPair pair = Ed25519.generate();
            keys.put(cc, pair);
            list.add(new Member(cc, cc, "test", "k1", Ed25519.encodePublic(pair.getPublic())));
        }
        members = new Members(list, Map.of("eu", List.of("FR", "DE")));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aegis-router-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("router-ttd").toString());
        RouterSettings settings = new RouterSettings("aegis-router", 3, Duration.ofSeconds(1), NETWORK_KEY);
        driver = new TopologyTestDriver(RouterTopology.build(new StreamsBuilder(), members, topics, settings), props, now);
    }

    void publishPolicy(String yaml, int version) {
        SharingPolicy policy = SharingPolicy.newBuilder(PolicyDocument.parse(yaml, now, "test")).setVersion(version).build();
        driver.createInputTopic(TopicNames.POLICIES, Serdes.String().serializer(), topics.policies().valueSerializer())
                .pipeInput(policy.getCountry(), policy, now);
    }

    /** Puts a published policy in the global table, as the topic would. */
    void pipePolicy(SharingPolicy policy) {
        driver.createInputTopic(TopicNames.POLICIES, Serdes.String().serializer(), topics.policies().valueSerializer())
                .pipeInput(policy.getCountry(), policy, now);
    }

    /** Values written to {@code topic} so far, drained. */
    <V> List<V> output(String topic, org.apache.kafka.common.serialization.Deserializer<V> values) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), values).readValuesToList();
    }

    ThreatSignal sign(String origin, SignalContent content) {
        return SignalSigner.signNew(UUID.randomUUID().toString(), origin, origin.toLowerCase() + "-agency", now, content, "k1",
                keys.get(origin).getPrivate());
    }

    ThreatSignal publish(String origin, SignalContent content) {
        ThreatSignal signal = sign(origin, content);
        send(TopicNames.outbox(origin), signal.getId(), new OutboxEvent(signal));
        return signal;
    }

    void send(String topic, String key, OutboxEvent event) {
        outbox(topic).pipeInput(key, event, now);
    }

    void retract(String origin, Retraction unsigned) {
        Retraction signed = SignalSigner.sign(unsigned, keys.get(origin).getPrivate());
        send(TopicNames.outbox(origin), signed.getSignalId(), new OutboxEvent(signed));
    }

    TestInputTopic<String, OutboxEvent> outbox(String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), topics.outbox(TopicNames.countryOf(topic)).valueSerializer());
    }

    /** What a country's inbox received as a recipient: shared copies and retraction notices. */
    InboxReader inbox(String cc) {
        return new InboxReader(cc);
    }

    /** What a country's inbox received as an origin or policy owner (reports, receipts, policy answers), drained. */
    List<InboxEvent> feedback(String cc) {
        drain(cc);
        List<InboxEvent> out = new ArrayList<>(feedback.getOrDefault(cc, List.of()));
        feedback.remove(cc);
        return out;
    }

    private final Map<String, List<InboxEvent>> received = new LinkedHashMap<>();
    private final Map<String, List<InboxEvent>> feedback = new LinkedHashMap<>();

    private void drain(String cc) {
        for (InboxEvent event : driver.createOutputTopic(TopicNames.inbox(cc), Serdes.String().deserializer(),
                topics.inbox(cc).valueDeserializer()).readValuesToList()) {
            boolean asRecipient = event.getPayload() instanceof io.aegis.schema.signal.SharedSignal
                    || event.getPayload() instanceof Retraction;
            (asRecipient ? received : feedback).computeIfAbsent(cc, k -> new ArrayList<>()).add(event);
        }
    }

    /** Reads, and consumes, the recipient side of one inbox. */
    final class InboxReader {
        private final String cc;

        InboxReader(String cc) {
            this.cc = cc;
        }

        boolean isEmpty() {
            drain(cc);
            return received.getOrDefault(cc, List.of()).isEmpty();
        }

        InboxEvent readValue() {
            drain(cc);
            return received.get(cc).remove(0);
        }

        List<InboxEvent> readValuesToList() {
            drain(cc);
            List<InboxEvent> out = new ArrayList<>(received.getOrDefault(cc, List.of()));
            received.remove(cc);
            return out;
        }
    }

    List<RoutingDecision> audit() {
        return driver.createOutputTopic(TopicNames.ROUTING_AUDIT, Serdes.String().deserializer(),
                topics.routingAudit().valueDeserializer()).readValuesToList();
    }

    List<CoordinationSignal> coordination() {
        return driver.createOutputTopic(TopicNames.COORDINATION_SIGNALS, Serdes.String().deserializer(),
                topics.coordinationSignals().valueDeserializer()).readValuesToList();
    }

    List<TestRecord<byte[], byte[]>> dlq() {
        return driver.createOutputTopic(TopicNames.DLQ, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
                .readRecordsToList();
    }

    /** Every inbox's values, by country. */
    Map<String, List<InboxEvent>> inboxes() {
        Map<String, List<InboxEvent>> all = new LinkedHashMap<>();
        for (String cc : CODES) {
            all.put(cc, inbox(cc).readValuesToList());
        }
        return all;
    }

    /** Every inbox's records (value and timestamp) not yet read, by country; drains them. */
    Map<String, List<TestRecord<String, InboxEvent>>> inboxRecords() {
        Map<String, List<TestRecord<String, InboxEvent>>> all = new LinkedHashMap<>();
        for (String cc : CODES) {
            all.put(cc, driver.createOutputTopic(TopicNames.inbox(cc), Serdes.String().deserializer(),
                    topics.inbox(cc).valueDeserializer()).readRecordsToList());
        }
        return all;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    @Override
    public void close() {
        driver.close();
    }
}
