package io.aegis.kafka.serde;

import io.aegis.kafka.avro.AvroTrust;
import io.aegis.kafka.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent wire-format Avro. The writer schema is fetched from the registry by
 * the id in the payload (and cached); the reader schema is that of the target SpecificRecord
 * class, so records written with an older or newer compatible schema resolve into today's
 * class. Without a target class it returns GenericRecord, or the generated class named by the
 * writer schema when {@code specific.avro.reader} is true. Null deserializes to null.
 * Thread-safe.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

    static {
        AvroTrust.trustContracts();
    }

    private final ConcurrentMap<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private volatile SchemaRegistryClient registry;
    private volatile Class<? extends T> targetType;
    private volatile boolean specificReader;

    /** For construction by Kafka from properties; {@link #configure} must follow. */
    public ConfluentAvroDeserializer() {
        this(null, null);
    }

    /**
     * @param registry   the registry to fetch writer schemas from
     * @param targetType the generated SpecificRecord class to read into, or null for GenericRecord
     */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry, Class<? extends T> targetType) {
        this.registry = registry;
        this.targetType = targetType;
        this.specificReader = targetType != null;
    }

    /**
     * Reads {@code schema.registry.url} (only when no client was given) and
     * {@code specific.avro.reader}.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SerdeConfig.clientFrom(configs);
        }
        specificReader = SerdeConfig.flag(configs, SerdeConfig.SPECIFIC_AVRO_READER, specificReader);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new SerializationException("deserializer for topic '" + topic
                    + "' has no schema registry: construct it with a client or configure "
                    + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        int id = WireFormat.schemaId(data, topic);
        DatumReader<Object> reader = readers.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                data.length - WireFormat.HEADER_SIZE, null);
        try {
            return (T) reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode record on topic '" + topic + "' written with schema id "
                    + id + " into " + describeTarget() + ": " + e.getMessage(), e);
        }
    }

    private DatumReader<Object> readerFor(int id) {
        Schema writer = registry.getSchemaById(id);
        if (targetType != null) {
            SpecificData model = SpecificData.getForClass(targetType);
            return new SpecificDatumReader<>(writer, model.getSchema(targetType), model);
        }
        if (specificReader) {
            SpecificData model = SpecificData.getForSchema(writer);
            Class<?> generated = model.getClass(writer);
            if (generated == null) {
                throw new SerializationException("specific.avro.reader is set but no generated class "
                        + writer.getFullName() + " is on the classpath (schema id " + id + ")");
            }
            return new SpecificDatumReader<>(writer, model.getSchema(generated), model);
        }
        return new GenericDatumReader<>(writer, writer, GenericData.get());
    }

    private String describeTarget() {
        Class<?> type = targetType;
        return type != null ? type.getName() : specificReader ? "its generated class" : "GenericRecord";
    }
}
