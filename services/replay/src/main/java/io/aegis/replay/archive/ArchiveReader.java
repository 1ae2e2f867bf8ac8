package io.aegis.replay.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.replay.ReplayException;
import io.aegis.replay.messaging.RawRecord;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an archive written by {@link ArchiveExporter}: its metadata, writer schemas and records.
 * Refuses files that are not Aegis archives or have an unknown format version.
 */
public final class ArchiveReader implements AutoCloseable, Iterable<RawRecord> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final DataFileReader<GenericRecord> reader;

    public ArchiveReader(Path file) {
        if (!Files.isReadable(file)) {
            throw ReplayException.usage("--file: " + file + " does not exist or is not readable");
        }
        this.file = file;
        try {
            this.reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>(ArchiveFormat.RECORD));
        } catch (IOException e) {
            throw ReplayException.usage("--file: " + file + " is not an Avro container file (" + e.getMessage() + ")");
        }
        String version = reader.getMetaString(ArchiveFormat.META_VERSION);
        if (!ArchiveFormat.VERSION.equals(version)) {
            close();
            throw ReplayException.usage("--file: " + file + " is not an Aegis archive of format "
                    + ArchiveFormat.VERSION + " (metadata " + ArchiveFormat.META_VERSION + " = " + version + ")");
        }
    }

    public String sourceTopic() {
        return reader.getMetaString(ArchiveFormat.META_TOPIC);
    }

    public int sourcePartitions() {
        return Integer.parseInt(reader.getMetaString(ArchiveFormat.META_PARTITIONS));
    }

    /** Number of records the archive holds. */
    public long recordCount() {
        return Long.parseLong(reader.getMetaString(ArchiveFormat.META_RECORDS));
    }

    /** The writer schemas carried by the archive, by their id in the source registry. */
    public Map<Integer, Schema> writerSchemas() {
        Map<Integer, Schema> schemas = new TreeMap<>();
        try {
            JsonNode node = JSON.readTree(reader.getMetaString(ArchiveFormat.META_WRITER_SCHEMAS));
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                schemas.put(Integer.parseInt(entry.getKey()), new Schema.Parser().parse(entry.getValue().toString()));
            }
        } catch (IOException | RuntimeException e) {
            throw ReplayException.usage("--file: " + file + " has unreadable writer schemas: " + e.getMessage());
        }
        return schemas;
    }

    @Override
    public Iterator<RawRecord> iterator() {
        Iterator<GenericRecord> records = reader.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public RawRecord next() {
                return toRaw(records.next());
            }
        };
    }

    static RawRecord toRaw(GenericRecord envelope) {
        List<RawRecord.Header> headers = new ArrayList<>();
        for (Object item : (List<?>) envelope.get("headers")) {
            GenericRecord header = (GenericRecord) item;
            headers.add(new RawRecord.Header(header.get("key").toString(), bytes(header.get("value"))));
        }
        return new RawRecord(envelope.get("topic").toString(), (Integer) envelope.get("partition"),
                (Long) envelope.get("offset"), (Long) envelope.get("timestamp"),
                bytes(envelope.get("key")), bytes(envelope.get("value")), headers);
    }

    private static byte[] bytes(Object value) {
        if (value == null) {
            return null;
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new ReplayException(ReplayException.FAILURE, "cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
