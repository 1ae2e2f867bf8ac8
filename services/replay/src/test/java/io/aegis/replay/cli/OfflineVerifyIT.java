package io.aegis.replay.cli;

import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.archive.ArchiveFormat;
import io.aegis.replay.support.CliRunner;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioProducer;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verification where the evidence is examined: the recorded scenario is exported ({@code export --all}),
 * the broker is stopped, and {@code verify --archive} checks the archives alone — no broker, no
 * registry. Changing one byte of any record the checks cover (audit chain, case-event chain, signed
 * signals) is caught and the record named.
 */
@Tag("integration")
@Timeout(240)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineVerifyIT {

    private static final String FROM = "2026-11-20T09:00:00Z";
    private static final String TO = "2026-11-20T11:00:00Z";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Scenario scenario = new Scenario();
    private Path archives;
    private CliRunner offline;
    private Path workingDir;

    @BeforeAll
    void exportThenStopTheBroker(KafkaCluster cluster, @TempDir Path workingDir) throws IOException {
        this.workingDir = workingDir;
        new ScenarioProducer(cluster, registry, "").produce(scenario);
        Path members = Files.writeString(workingDir.resolve("members.yaml"), scenario.membersYaml());
        archives = workingDir.resolve("archives");
        CliRunner.Result export = new CliRunner(cluster.bootstrapServers(), registry, workingDir)
                .run("export", "--all", "--dir", archives.toString());
        assertEquals(0, export.exitCode(), export.toString());
        assertTrue(Files.exists(archives.resolve(TopicNames.ROUTING_AUDIT + ".avro")), export.out());

        // why: the point is that nothing but the archives is needed; a live broker would hide a dependency on it
        for (int broker = 0; broker < cluster.brokerCount(); broker++) {
            cluster.stopBroker(broker);
        }
        InMemorySchemaRegistryClient noRegistry = new InMemorySchemaRegistryClient(); // knows no schema: the archives carry them
        offline = new CliRunner("localhost:1", noRegistry, workingDir).with("--members-file", members.toString());
    }

    @Test
    void shouldVerifyTheExportedRangeWithNoBrokerRunning() throws IOException {
        Path report = workingDir.resolve("report");
        CliRunner.Result result = offline.run("verify", "--archive", archives.toString(), "--from", FROM, "--to", TO,
                "--report", report.toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("checked audit-chain: 4"), result.out());
        assertTrue(result.out().contains("checked case-chain: 4"), result.out());
        assertTrue(result.out().contains("checked signals: 3"), result.out());
        assertTrue(result.out().contains("checked non-leak: 3"), result.out());
        assertTrue(result.out().contains("verify: no violations"), result.out());
        assertTrue(Files.readString(report.resolve("verify.json")).contains("\"violations\""));
    }

    @Test
    void shouldNameTheRecordWhenOneByteOfAnyCheckedRecordIsChanged(@TempDir Path copies) throws IOException {
        List<String> files = List.of(TopicNames.ROUTING_AUDIT, TopicNames.CASE_EVENTS, TopicNames.outbox("FR"),
                TopicNames.outbox("DE"), TopicNames.outbox("JP"));
        int tampered = 0;
        for (String topic : files) {
            Path source = archives.resolve(topic + ".avro");
            for (int index = 0; index < count(source); index++) {
                Path copy = copies.resolve(topic + "-" + index);
                copyDir(archives, copy);
                String coordinates = flipLastByte(source, copy.resolve(topic + ".avro"), index);

                CliRunner.Result result = offline.run("verify", "--archive", copy.toString(), "--from", FROM, "--to", TO);

                assertEquals(1, result.exitCode(), coordinates + "\n" + result);
                assertTrue(result.out().lines().anyMatch(line -> line.startsWith("VIOLATION") && line.contains(coordinates + ":")),
                        coordinates + "\n" + result.out());
                tampered++;
            }
        }
        assertTrue(tampered >= 11, "records tampered: " + tampered);
    }

    @Test
    void shouldRefuseArchivesThatDisagreeAboutARecord(@TempDir Path copy) throws IOException {
        copyDir(archives, copy);
        Path audit = copy.resolve(TopicNames.ROUTING_AUDIT + ".avro");
        flipLastByte(archives.resolve(TopicNames.ROUTING_AUDIT + ".avro"), copy.resolve("second-audit.avro"), 0);

        CliRunner.Result result = offline.run("verify", "--archive", copy.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("with other bytes than an earlier archive"), result.err());
        assertTrue(Files.exists(audit));
    }

    @Test
    void shouldSayWhatIsMissingWhenAnArchiveSetLacksATopic(@TempDir Path copy) throws IOException {
        copyDir(archives, copy);
        Files.delete(copy.resolve(TopicNames.CASE_EVENTS + ".avro"));

        CliRunner.Result result = offline.run("verify", "--archive", copy.toString(), "--from", FROM, "--to", TO,
                "--require-complete");

        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().contains("UNCHECKED not read: topic " + TopicNames.CASE_EVENTS + " is in none of the archives"),
                result.out());
    }

    private static long count(Path archive) throws IOException {
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(archive.toFile(), new GenericDatumReader<>(ArchiveFormat.RECORD))) {
            long n = 0;
            for (GenericRecord ignored : reader) {
                n++;
            }
            return n;
        }
    }

    /** Writes {@code target}: {@code source} with the last byte of record {@code index}'s value changed; returns its coordinates. */
    private static String flipLastByte(Path source, Path target, int index) throws IOException {
        String coordinates = null;
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(source.toFile(), new GenericDatumReader<>(ArchiveFormat.RECORD));
             DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(ArchiveFormat.RECORD))) {
            for (String key : reader.getMetaKeys()) {
                if (!key.startsWith("avro.")) {
                    writer.setMeta(key, reader.getMeta(key));
                }
            }
            writer.create(ArchiveFormat.RECORD, target.toFile());
            int i = 0;
            for (GenericRecord record : reader) {
                if (i++ == index) {
                    ByteBuffer value = (ByteBuffer) record.get("value");
                    byte[] bytes = new byte[value.remaining()];
                    value.duplicate().get(bytes);
                    bytes[bytes.length - 1] ^= 0x01;
                    GenericRecord changed = new GenericData.Record(ArchiveFormat.RECORD);
                    ArchiveFormat.RECORD.getFields().forEach(f -> changed.put(f.name(), record.get(f.name())));
                    changed.put("value", ByteBuffer.wrap(bytes));
                    writer.append(changed);
                    coordinates = record.get("topic") + "/" + record.get("partition") + "@" + record.get("offset");
                } else {
                    writer.append(record);
                }
            }
        }
        return coordinates;
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : new ArrayList<>(files.toList())) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
