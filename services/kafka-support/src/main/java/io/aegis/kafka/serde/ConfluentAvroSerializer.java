package io.aegis.kafka.serde;

import io.aegis.kafka.avro.AvroTrust;
import io.aegis.kafka.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro records (generated SpecificRecord or GenericRecord) in the Confluent wire
 * format, under the subject {@code <topic>-key|value} (TopicNameStrategy). The writer schema
 * is the record's own; its id is looked up once per subject and schema and then cached, and
 * registered only when the registry does not hold it yet and auto-registration is on. Looking
 * up first means a client whose registry user may not write (the network's contracts are
 * registered up front by the registry's administrator) still serializes every registered schema,
 * and registers only what it owns, such as its Kafka Streams changelog subjects. Null serializes to null (tombstones).
 * Thread-safe.
 */
public class ConfluentAvroSerializer<T extends GenericContainer> implements Serializer<T> {

    static {
        AvroTrust.trustContracts();
    }

    private final ConcurrentMap<String, ConcurrentMap<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private volatile SchemaRegistryClient registry;
    private volatile boolean autoRegister;
    private volatile boolean isKey;

    /** For construction by Kafka from properties; {@link #configure} must follow. */
    public ConfluentAvroSerializer() {
        this(null, true);
    }

    public ConfluentAvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    /**
     * Reads {@code schema.registry.url} (only when no client was given) and
     * {@code auto.register.schemas}.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = SerdeConfig.clientFrom(configs);
        }
        autoRegister = SerdeConfig.flag(configs, SerdeConfig.AUTO_REGISTER_SCHEMAS, autoRegister);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new SerializationException("serializer for topic '" + topic
                    + "' has no schema registry: construct it with a client or configure "
                    + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        Schema schema = record.getSchema();
        int id = schemaId(SubjectNames.topicName(topic, isKey), schema);
        return WireFormat.frame(id, encode(topic, schema, record));
    }

    private int schemaId(String subject, Schema schema) {
        // generated records share one Schema instance, so this lookup is an identity hit
        ConcurrentMap<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        int id = lookUpOrRegister(subject, schema);
        ids.putIfAbsent(schema, id);
        return id;
    }

    private int lookUpOrRegister(String subject, Schema schema) {
        try {
            return registry.getId(subject, schema);
        } catch (io.aegis.kafka.registry.SchemaRegistryException e) {
            if (!autoRegister || !e.isNotFound()) {
                throw e;
            }
            return registry.register(subject, schema);
        }
    }

    private byte[] encode(String topic, Schema schema, T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(schema, s -> writerFor(s, record)).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for topic '"
                    + topic + "': " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(Schema schema, Object record) {
        if (record instanceof SpecificRecord specific) {
            // the generated class's model carries the logical-type conversions (timestamp_ms ↔ Instant)
            return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema,
                    SpecificData.getForClass(specific.getClass()));
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }
}
