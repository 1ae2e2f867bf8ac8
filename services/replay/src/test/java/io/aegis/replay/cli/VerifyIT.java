package io.aegis.replay.cli;

import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.messaging.RawRecord;
import io.aegis.replay.messaging.RecordDecoder;
import io.aegis.replay.support.CliRunner;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioProducer;
import io.aegis.replay.support.TopicCopier;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify} over real topics: the recorded scenario passes, and copies of it in which one
 * audit record, one signal or one case event was rewritten or removed are caught and named.
 */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyIT {

    private static final String FROM = "2026-11-20T09:00:00Z";
    private static final String TO = "2026-11-20T11:00:00Z";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Scenario scenario = new Scenario();
    private final RecordDecoder decoder = new RecordDecoder(registry::getSchemaById);
    private final SerdeFactory serdes = new SerdeFactory(registry);
    private CliRunner cli;
    private KafkaCluster cluster;

    @BeforeAll
    void recordScenario(KafkaCluster cluster, @TempDir Path workingDir) throws IOException {
        this.cluster = cluster;
        new ScenarioProducer(cluster, registry, "").produce(scenario);
        Path members = Files.writeString(workingDir.resolve("members.yaml"), scenario.membersYaml());
        cli = new CliRunner(cluster.bootstrapServers(), registry, workingDir).with("--members-file", members.toString());
    }

    @Test
    void shouldPassCleanRangeWithEveryCheckCovered() {
        // when
        CliRunner.Result result = cli.run("verify", "--from", FROM, "--to", TO, "--require-complete");

        // then
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("checked audit-chain: 4"), result.out());
        assertTrue(result.out().contains("checked case-chain: 4"), result.out());
        assertTrue(result.out().contains("checked signals: 3"), result.out());
        assertTrue(result.out().contains("checked non-leak: 3"), result.out());
        assertTrue(result.out().contains("verify: no violations"), result.out());
    }

    @Test
    void shouldNameRewrittenAuditRecordForgedContentAndLeakedInboxCopy() {
        // given: a copy where decision d2 (WITHHOLD to JP) now says DELIVER, s1's title was changed
        // after signing, and JP's inbox holds s1 citing a decision the audit never recorded
        new TopicCopier(cluster).copyAll("tampered.", record -> {
            if (record.topic().equals(TopicNames.ROUTING_AUDIT) && record.partition() == 0 && record.offset() == 1) {
                RoutingDecision decision = decoder.decode(record, RoutingDecision.class);
                decision.setOutcome(DecisionOutcome.DELIVER);
                return reencode(record, decision);
            }
            if (record.topic().equals(TopicNames.outbox("FR"))) {
                ThreatSignal signal = (ThreatSignal) decoder.decode(record, OutboxEvent.class).getPayload();
                signal.getContent().setTitle("a different story");
                return reencode(record, new OutboxEvent(signal));
            }
            return record;
        });
        SharedSignal leaked = SharedSignal.newBuilder(scenario.inboxDe.get(0)).setDestination("JP").setDecisionId("d-forged").build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producerProps())) {
            new ScenarioProducer(cluster, registry, "tampered.").send(producer, TopicNames.inbox("JP"), 0,
                    List.of(new InboxEvent(leaked)), e -> "s1", e -> Scenario.T0.plusSeconds(70));
        }

        // when
        CliRunner.Result result = cli.run("--namespace", "tampered.", "verify", "--from", FROM, "--to", TO);

        // then
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(Set.of(
                "VIOLATION [audit-chain] tampered.aegis.routing.audit/0@1",
                "VIOLATION [content-hash] tampered.aegis.outbox.FR/0@0",
                "VIOLATION [non-leak] tampered.aegis.inbox.JP/0@0"), violations(result));
        assertTrue(result.out().contains("the record was modified"), result.out());
        assertTrue(result.out().contains("cites decision d-forged, which is not in the routing audit"), result.out());
    }

    @Test
    void shouldNameGapWhenCaseEventRemovedFromCopy() {
        // given: the copy lacks case event 3 (FR's acknowledgement)
        new TopicCopier(cluster).copyAll("cut.", record ->
                record.topic().equals(TopicNames.CASE_EVENTS)
                        && decoder.decode(record, CaseEvent.class).getSequence() == 3 ? null : record);

        // when
        CliRunner.Result result = cli.run("--namespace", "cut.", "verify", "--from", FROM, "--to", TO);

        // then: event 4 no longer links to its predecessor and the sequence jumps
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(Set.of("VIOLATION [case-chain] cut.aegis.case-events/0@2"), violations(result));
        assertTrue(result.out().contains("sequence jumps from 2 to 4"), result.out());
        assertTrue(result.out().contains("a record was removed, inserted or reordered"), result.out());
    }

    @Test
    void shouldFailClearlyWhenNamespaceHasNoTopics() {
        CliRunner.Result result = cli.run("--namespace", "absent.", "verify", "--from", FROM, "--to", TO);

        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.err().contains("topic absent.aegis.routing.audit does not exist"), result.err());
    }

    private static Set<String> violations(CliRunner.Result result) {
        return result.out().lines().filter(line -> line.startsWith("VIOLATION"))
                .map(line -> line.substring(0, line.indexOf(':'))).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> RawRecord reencode(RawRecord record, T value) {
        byte[] bytes = serdes.value((Class<T>) value.getClass()).serializer().serialize(record.topic(), value);
        return new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                bytes, record.headers());
    }
}
