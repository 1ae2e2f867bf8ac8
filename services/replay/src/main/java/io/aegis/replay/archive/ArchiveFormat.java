package io.aegis.replay.archive;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The archive file format: an Avro object container whose records are envelopes carrying each
 * Kafka record's coordinates, timestamp, key, value and headers as the original bytes, plus the id
 * of the value's writer schema. The writer schemas themselves travel in the file metadata, so an
 * archive can be read and re-imported without the registry that wrote it.
 */
public final class ArchiveFormat {

    /** Format version; readers refuse a version they do not know. */
    public static final String VERSION = "1";

    public static final String META_VERSION = "aegis.archive.version";
    public static final String META_TOPIC = "aegis.source.topic";
    public static final String META_PARTITIONS = "aegis.source.partitions";
    public static final String META_FROM = "aegis.range.from";
    public static final String META_TO = "aegis.range.to";
    public static final String META_RECORDS = "aegis.record.count";
    /** JSON object: schema id → writer schema (Avro JSON). */
    public static final String META_WRITER_SCHEMAS = "aegis.writer.schemas";

    /** One header of an archived record. */
    public static final Schema HEADER = SchemaBuilder.record("ArchivedHeader").namespace("io.aegis.replay.archive")
            .fields()
            .requiredString("key")
            .optionalBytes("value")
            .endRecord();

    /** One archived Kafka record. */
    public static final Schema RECORD = SchemaBuilder.record("ArchivedRecord").namespace("io.aegis.replay.archive")
            .doc("A Kafka record exactly as the broker held it")
            .fields()
            .requiredString("topic")
            .requiredInt("partition")
            .requiredLong("offset")
            .requiredLong("timestamp")
            .optionalBytes("key")
            .optionalBytes("value")
            .name("headers").type().array().items(HEADER).noDefault()
            .optionalInt("schemaId")
            .endRecord();

    private static final byte MAGIC = 0;
    private static final int WIRE_HEADER = 5;

    private ArchiveFormat() {
    }

    /** The writer schema id of a Confluent-wire-format value, or null if the value is not in that format. */
    public static Integer schemaIdOf(byte[] value) {
        if (value == null || value.length < WIRE_HEADER || value[0] != MAGIC) {
            return null;
        }
        return ((value[1] & 0xff) << 24) | ((value[2] & 0xff) << 16) | ((value[3] & 0xff) << 8) | (value[4] & 0xff);
    }

    /** A copy of {@code value} pointing at schema {@code id} instead; the Avro payload is untouched. */
    public static byte[] withSchemaId(byte[] value, int id) {
        byte[] copy = value.clone();
        copy[1] = (byte) (id >>> 24);
        copy[2] = (byte) (id >>> 16);
        copy[3] = (byte) (id >>> 8);
        copy[4] = (byte) id;
        return copy;
    }
}
