package io.aegis.replay.messaging;

import io.aegis.kafka.avro.AvroTrust;
import io.aegis.replay.ReplayException;
import io.aegis.replay.archive.ArchiveFormat;
import io.aegis.replay.archive.SchemaLookup;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes Confluent-wire-format values (magic 0, 4-byte schema id, Avro binary) into the contract
 * classes, resolving the recorded writer schema against the class's reader schema. Writer schemas
 * are looked up once per id. A value that cannot be decoded is an error naming its coordinates.
 */
public final class RecordDecoder {

    private static final int WIRE_HEADER = 5;

    static {
        AvroTrust.trustContracts();
    }

    private final SchemaLookup schemas;
    private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();

    public RecordDecoder(SchemaLookup schemas) {
        this.schemas = schemas;
    }

    /** Decodes the value of {@code record} as {@code type}. */
    public <T extends SpecificRecord> T decode(RawRecord record, Class<T> type) {
        Integer id = ArchiveFormat.schemaIdOf(record.value());
        if (id == null) {
            throw new DecodeException(record, "value is not in the Confluent wire format (magic byte 0 + schema id)");
        }
        Schema writer = writerSchemas.computeIfAbsent(id, schemas::schemaById);
        Schema reader = SpecificData.get().getSchema(type);
        SpecificDatumReader<T> datumReader = new SpecificDatumReader<>(writer, reader);
        byte[] value = record.value();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, WIRE_HEADER, value.length - WIRE_HEADER, null);
        try {
            return datumReader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException(record, "not a " + type.getSimpleName() + " under writer schema " + id
                    + " (" + e.getMessage() + ")");
        }
    }

    /** A record on a topic that does not decode as its topic's contract. */
    public static final class DecodeException extends ReplayException {

        private final transient RawRecord record;

        public DecodeException(RawRecord record, String reason) {
            super(ReplayException.FAILURE, record.coordinates() + ": " + reason);
            this.record = record;
        }

        public RawRecord record() {
            return record;
        }
    }
}
