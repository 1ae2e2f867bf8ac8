package io.aegis.replay.cli;

import io.aegis.policy.Members;
import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.crypto.SignalSigner;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.replay.messaging.RawRecord;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.support.CliRunner;
import io.aegis.replay.support.ScenarioProducer;
import io.aegis.replay.support.TopicCopier;
import io.aegis.router.topology.RouterSettings;
import io.aegis.router.topology.RouterTopology;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.testsupport.fixtures.Policies;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing recorded by the router's own topology under FR's example policy, written to a real
 * broker, then checked by {@code verify} (chain, signatures, non-leak) and explained by {@code timeline}.
 */
@Tag("integration")
@Timeout(120)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouterRecordedVerifyIT {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final List<String> CODES = List.of("FR", "DE", "JP", "BR");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final Map<String, List<TestRecord<byte[], byte[]>>> recorded = new LinkedHashMap<>();
    private KafkaCluster cluster;
    private CliRunner cli;

    @BeforeAll
    void recordRouting(KafkaCluster cluster, @TempDir Path workingDir) throws IOException {
        this.cluster = cluster;
        CODES.forEach(code -> keys.put(code, Ed25519.generate()));
        route(List.of(
                signal("amber-fraud", Tlp.AMBER, Sector.FINANCE, List.of("DE", "JP")),
                signal("green-elections", Tlp.GREEN, Sector.ELECTIONS, List.of())), workingDir);
        List<NewTopic> topics = new ArrayList<>();
        List.of(TopicNames.ESCALATIONS, TopicNames.CASES, TopicNames.CASE_EVENTS, TopicNames.ROUTING_AUDIT, TopicNames.RECEIPTS,
                TopicNames.COORDINATION_SIGNALS, TopicNames.POLICIES, TopicNames.outbox("FR"), TopicNames.inbox("DE"),
                TopicNames.inbox("JP"), TopicNames.inbox("BR"))
                .forEach(name -> topics.add(new NewTopic(name, 1, (short) 1)));
        ScenarioProducer.createTopics(cluster, topics);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producerProps())) {
            recorded.forEach((topic, records) -> records.forEach(record -> TopicCopier.send(producer, topic,
                    new RawRecord(topic, 0, 0, record.timestamp(), record.key(), record.value(), List.of()))));
        }
        StringBuilder members = new StringBuilder("members:\n");
        keys.forEach((code, pair) -> members.append("  - {code: ").append(code).append(", keyId: default, publicKey: ")
                .append(Ed25519.encodePublic(pair.getPublic())).append("}\n"));
        Path membersFile = Files.writeString(workingDir.resolve("members.yaml"), members.toString());
        cli = new CliRunner(cluster.bootstrapServers(), registry, workingDir).with("--members-file", membersFile.toString());
    }

    @Test
    @Order(1)
    void shouldFindRoutersRecordIntactAndEveryInboxCopyAllowed() {
        CliRunner.Result result = cli.run("verify", "--from", "2026-11-20T09:00:00Z", "--to", "2026-11-20T13:00:00Z",
                "--require-complete");

        assertEquals(0, result.exitCode(), result.toString());
        int inboxCopies = recorded.get(TopicNames.inbox("DE")).size() + recorded.get(TopicNames.inbox("JP")).size()
                + recorded.get(TopicNames.inbox("BR")).size();
        assertEquals(4, inboxCopies, "DE gets both signals, JP only the AMBER one, BR the GREEN one after its embargo");
        assertTrue(result.out().contains("checked non-leak: " + inboxCopies), result.out());
        assertTrue(result.out().contains("checked audit-chain: " + recorded.get(TopicNames.ROUTING_AUDIT).size()), result.out());
        assertTrue(result.out().contains("checked signals: 2"), result.out());
    }

    @Test
    @Order(3)
    void shouldFailVerifyOnceAForgedCopyIsOnAnInbox() {
        // given a copy of the AMBER signal written straight onto BR's inbox (BR is outside FR's trusted group),
        // citing the decision that delivered it to DE: the audit is intact, only the inbox is forged
        Topics topics = new Topics(new SerdeFactory(registry));
        var deCopy = topics.inbox("DE").valueDeserializer().deserialize(TopicNames.inbox("DE"),
                recorded.get(TopicNames.inbox("DE")).get(0).value());
        var forged = new io.aegis.schema.signal.InboxEvent(io.aegis.schema.signal.SharedSignal.newBuilder(
                (io.aegis.schema.signal.SharedSignal) deCopy.getPayload()).setDestination("BR").build());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producerProps())) {
            TopicCopier.send(producer, TopicNames.inbox("BR"), new RawRecord(TopicNames.inbox("BR"), 0, 0,
                    NOW.plusSeconds(7200).toEpochMilli(), "forged".getBytes(StandardCharsets.UTF_8),
                    topics.inbox("BR").valueSerializer().serialize(TopicNames.inbox("BR"), forged), List.of()));
        }

        CliRunner.Result result = cli.run("verify", "--from", "2026-11-20T09:00:00Z", "--to", "2026-11-20T13:00:00Z");

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.out().contains("VIOLATION") && result.out().contains("aegis.inbox.BR"), result.out());
    }

    @Test
    @Order(2)
    void shouldExplainWithholdingByTheRuleThatDecidedIt(@TempDir Path out) throws IOException {
        CliRunner.Result result = cli.run("timeline", "--from", "2026-11-20T09:00:00Z", "--to", "2026-11-20T11:00:00Z",
                "--country", "JP", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.toString());
        JsonNode deliveries = JsonReport.mapper().readTree(out.resolve("timeline.json").toFile()).get("deliveries");
        JsonNode withheld = null;
        for (JsonNode delivery : deliveries) {
            if (delivery.get("destination").asText().equals("JP") && delivery.get("outcome").asText().equals("WITHHOLD")) {
                withheld = delivery;
            }
        }
        assertTrue(withheld != null, deliveries.toString());
        assertTrue(withheld.get("ruleIds").toString().contains("no-election-signals-to-jp"), withheld.toString());
        assertEquals(1, withheld.get("policyVersion").asInt());
    }

    private void route(List<ThreatSignal> signals, Path workingDir) throws IOException {
        Topics topics = new Topics(new SerdeFactory(registry));
        Map<String, String> publicKeys = new LinkedHashMap<>();
        keys.forEach((code, pair) -> publicKeys.put(code, Ed25519.encodePublic(pair.getPublic())));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aegis-router-recording");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(workingDir, "router").toString());
        RouterSettings settings = new RouterSettings("aegis-router", 1, Duration.ofSeconds(1),
                "test-network-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        try (TopologyTestDriver driver = new TopologyTestDriver(RouterTopology.build(new StreamsBuilder(),
                Members.of(publicKeys, Map.of()), topics, settings), props, NOW)) {
            SharingPolicy policy = Policies.architectureExample().setVersion(1).setUpdatedAt(NOW).build();
            driver.createInputTopic(TopicNames.POLICIES, Serdes.String().serializer(), topics.policies().valueSerializer())
                    .pipeInput("FR", policy, NOW);
            var outbox = driver.createInputTopic(TopicNames.outbox("FR"), Serdes.String().serializer(),
                    topics.outbox("FR").valueSerializer());
            signals.forEach(signal -> outbox.pipeInput(signal.getId(), new OutboxEvent(signal), signal.getSubmittedAt()));
            // the embargo on BR (PT1H in the example policy) ends while the router runs
            driver.advanceWallClockTime(Duration.ofHours(2));
            for (String topic : List.of(TopicNames.ROUTING_AUDIT, TopicNames.COORDINATION_SIGNALS, TopicNames.inbox("DE"),
                    TopicNames.inbox("JP"), TopicNames.inbox("BR"))) {
                recorded.put(topic, driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(),
                        Serdes.ByteArray().deserializer()).readRecordsToList());
            }
        }
        // The outbox as the node wrote it, with the registry's framing.
        recorded.put(TopicNames.outbox("FR"), signals.stream().map(signal -> new TestRecord<>(
                signal.getId().getBytes(StandardCharsets.UTF_8),
                topics.outbox("FR").valueSerializer().serialize(TopicNames.outbox("FR"), new OutboxEvent(signal)),
                signal.getSubmittedAt())).toList());
        assertEquals(1, recorded.get(TopicNames.inbox("BR")).size(), "BR gets the GREEN signal once its embargo ended");
        // the policy as published on aegis.policies, which verify re-reads each copy against
        recorded.put(TopicNames.POLICIES, List.of(new TestRecord<>("FR".getBytes(StandardCharsets.UTF_8),
                topics.policies().valueSerializer().serialize(TopicNames.POLICIES,
                        Policies.architectureExample().setVersion(1).setUpdatedAt(NOW).build()), NOW)));
    }

    private ThreatSignal signal(String id, Tlp tlp, Sector sector, List<String> recipients) {
        var content = Signals.content().setTitle(id).setTlp(tlp).setSectors(List.of(sector)).setRecipients(recipients)
                .setObservedAt(NOW.minusSeconds(600)).build();
        return SignalSigner.signNew(id, "FR", "fr-agency", NOW.plusSeconds(60), content, "default",
                keys.get("FR").getPrivate());
    }
}
