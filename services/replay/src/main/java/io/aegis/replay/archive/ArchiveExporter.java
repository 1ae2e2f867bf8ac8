package io.aegis.replay.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.replay.ReplayException;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.messaging.KafkaAccess;
import io.aegis.replay.messaging.RawRecord;
import io.aegis.replay.messaging.TopicRangeReader;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a topic range to an Avro container file (see {@link ArchiveFormat}). Records are streamed
 * to a temporary container first so that any range size fits; the final file is then written with
 * every writer schema seen in its metadata. Invariant: key, value and header bytes are stored
 * exactly as read.
 */
public final class ArchiveExporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaAccess kafka;
    private final TopicRangeReader reader;
    private final SchemaLookup schemas;

    public ArchiveExporter(KafkaAccess kafka, TopicRangeReader reader, SchemaLookup schemas) {
        this.kafka = kafka;
        this.reader = reader;
        this.schemas = schemas;
    }

    /** Exports {@code topic} over {@code range} to {@code file}; fails on an empty range. */
    public ArchiveSummary export(String topic, TimeRange range, Path file) {
        int partitions = kafka.partitionsOf(topic).size();
        Map<Integer, String> writerSchemas = new TreeMap<>();
        Path staging = null;
        try {
            staging = Files.createTempFile("aegis-export-", ".avro");
            long count = stage(topic, range, staging, writerSchemas);
            if (count == 0) {
                throw ReplayException.unavailable("no records in " + topic + " between " + range.from()
                        + " and " + range.to() + ": nothing to export");
            }
            finish(staging, file, Map.of(
                    ArchiveFormat.META_VERSION, ArchiveFormat.VERSION,
                    ArchiveFormat.META_TOPIC, topic,
                    ArchiveFormat.META_PARTITIONS, Integer.toString(partitions),
                    ArchiveFormat.META_FROM, range.from().toString(),
                    ArchiveFormat.META_TO, range.to().toString(),
                    ArchiveFormat.META_RECORDS, Long.toString(count),
                    ArchiveFormat.META_WRITER_SCHEMAS, schemasJson(writerSchemas)));
            return new ArchiveSummary(topic, count, writerSchemas.keySet(), file);
        } catch (IOException e) {
            throw new ReplayException(ReplayException.FAILURE, "cannot write archive " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private long stage(String topic, TimeRange range, Path staging, Map<Integer, String> writerSchemas)
            throws IOException {
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(ArchiveFormat.RECORD))) {
            writer.create(ArchiveFormat.RECORD, staging.toFile());
            List<IOException> failures = new ArrayList<>();
            long count = reader.read(topic, range, record -> {
                Integer id = ArchiveFormat.schemaIdOf(record.value());
                if (id != null) {
                    writerSchemas.computeIfAbsent(id, key -> schemas.schemaById(key).toString());
                }
                try {
                    writer.append(envelope(record, id));
                } catch (IOException e) {
                    failures.add(e);
                }
            });
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return count;
        }
    }

    private static void finish(Path staging, Path file, Map<String, String> metadata) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (InputStream in = Files.newInputStream(staging);
             DataFileStream<GenericRecord> staged = new DataFileStream<>(in, new GenericDatumReader<>(ArchiveFormat.RECORD));
             DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(ArchiveFormat.RECORD))) {
            writer.setCodec(CodecFactory.deflateCodec(6));
            metadata.forEach(writer::setMeta);
            writer.create(ArchiveFormat.RECORD, file.toFile());
            for (GenericRecord record : staged) {
                writer.append(record);
            }
        }
    }

    static GenericRecord envelope(RawRecord record, Integer schemaId) {
        GenericData.Record envelope = new GenericData.Record(ArchiveFormat.RECORD);
        envelope.put("topic", record.topic());
        envelope.put("partition", record.partition());
        envelope.put("offset", record.offset());
        envelope.put("timestamp", record.timestamp());
        envelope.put("key", wrap(record.key()));
        envelope.put("value", wrap(record.value()));
        List<GenericRecord> headers = new ArrayList<>();
        for (RawRecord.Header header : record.headers()) {
            GenericData.Record archived = new GenericData.Record(ArchiveFormat.HEADER);
            archived.put("key", header.key());
            archived.put("value", wrap(header.value()));
            headers.add(archived);
        }
        envelope.put("headers", headers);
        envelope.put("schemaId", schemaId);
        return envelope;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    private static String schemasJson(Map<Integer, String> writerSchemas) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        for (Map.Entry<Integer, String> entry : writerSchemas.entrySet()) {
            node.set(Integer.toString(entry.getKey()), JSON.readTree(entry.getValue()));
        }
        return JSON.writeValueAsString(node);
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // The staging copy is disposable; if it cannot go now, it goes when the JVM exits.
            path.toFile().deleteOnExit();
        }
    }
}
