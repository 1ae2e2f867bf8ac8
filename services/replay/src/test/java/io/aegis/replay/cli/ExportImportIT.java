package io.aegis.replay.cli;

import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.messaging.KafkaAccess;
import io.aegis.replay.messaging.ProgressReporter;
import io.aegis.replay.messaging.RawRecord;
import io.aegis.replay.messaging.TopicRangeReader;
import io.aegis.replay.support.CliRunner;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioProducer;
import io.aegis.replay.support.TopicCopier;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code export} then {@code import} reproduces records byte for byte in a sandbox topic. */
@Tag("integration")
@Timeout(120)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportImportIT {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private KafkaCluster cluster;
    private CliRunner cli;

    @BeforeAll
    void recordScenario(KafkaCluster cluster, @TempDir Path workingDir) {
        this.cluster = cluster;
        new ScenarioProducer(cluster, registry, "").produce(new Scenario());
        // A DLQ record: raw bytes that are not Avro, with the reason headers.
        ScenarioProducer.createTopics(cluster, List.of(new NewTopic(TopicNames.DLQ, 1, (short) 1)));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producerProps())) {
            TopicCopier.send(producer, TopicNames.DLQ, new RawRecord(TopicNames.DLQ, 0, 0, Scenario.T0.toEpochMilli(),
                    null, "not avro".getBytes(StandardCharsets.UTF_8), List.of(
                    new RawRecord.Header("aegis.dlq.reason", "bad magic byte".getBytes(StandardCharsets.UTF_8)),
                    new RawRecord.Header("aegis.dlq.empty", null))));
        }
        cli = new CliRunner(cluster.bootstrapServers(), registry, workingDir);
    }

    @Test
    void shouldReproduceAuditRecordsByteForByteAcrossPartitions(@TempDir Path dir) {
        roundTrip(TopicNames.ROUTING_AUDIT, dir.resolve("audit.avro"), 4);
    }

    @Test
    void shouldReproduceRecordsWithHeadersAndNonAvroValues(@TempDir Path dir) {
        roundTrip(TopicNames.DLQ, dir.resolve("dlq.avro"), 1);
    }

    @Test
    void shouldRefuseToImportIntoLiveTopicAndToExportMissingTopic(@TempDir Path dir) {
        Path file = dir.resolve("cases.avro");
        assertEquals(0, cli.run("export", "--topic", TopicNames.CASES, "--file", file.toString()).exitCode());

        CliRunner.Result live = cli.run("import", "--file", file.toString(), "--prefix", "");
        assertEquals(2, live.exitCode(), live.toString());
        assertTrue(live.err().contains("refusing to write into a live aegis.* topic"), live.err());

        CliRunner.Result missing = cli.run("export", "--topic", "aegis.nope", "--file", dir.resolve("x.avro").toString());
        assertEquals(3, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("topic aegis.nope does not exist"), missing.err());

        CliRunner.Result empty = cli.run("export", "--topic", TopicNames.CASES, "--from", "2020-01-01T00:00:00Z",
                "--to", "2020-01-02T00:00:00Z", "--file", dir.resolve("y.avro").toString());
        assertEquals(3, empty.exitCode(), empty.toString());
        assertTrue(empty.err().contains("no records in aegis.cases"), empty.err());
    }

    private void roundTrip(String topic, Path file, int expected) {
        // when
        CliRunner.Result exported = cli.run("export", "--topic", topic, "--file", file.toString());
        CliRunner.Result imported = cli.run("import", "--file", file.toString());

        // then
        assertEquals(0, exported.exitCode(), exported.toString());
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.out().contains("into sandbox." + topic), imported.out());
        List<RawRecord> source = readAll(topic);
        List<RawRecord> copy = readAll("sandbox." + topic);
        assertEquals(expected, source.size());
        assertEquals(source.size(), copy.size());
        for (int i = 0; i < source.size(); i++) {
            RawRecord original = source.get(i);
            RawRecord loaded = copy.get(i);
            assertEquals(original.partition(), loaded.partition());
            assertEquals(original.offset(), loaded.offset());
            assertEquals(original.timestamp(), loaded.timestamp());
            assertArrayEquals(original.key(), loaded.key());
            assertArrayEquals(original.value(), loaded.value(), "value bytes of " + original.coordinates());
            assertEquals(original.headers().size(), loaded.headers().size());
            for (int h = 0; h < original.headers().size(); h++) {
                assertEquals(original.headers().get(h).key(), loaded.headers().get(h).key());
                assertArrayEquals(original.headers().get(h).value(), loaded.headers().get(h).value());
            }
        }
    }

    private List<RawRecord> readAll(String topic) {
        try (KafkaAccess kafka = new KafkaAccess(Map.of("bootstrap.servers", cluster.bootstrapServers()));
             TopicRangeReader reader = new TopicRangeReader(kafka, ProgressReporter.NONE)) {
            return reader.readAll(topic, TimeRange.ALL);
        }
    }
}
