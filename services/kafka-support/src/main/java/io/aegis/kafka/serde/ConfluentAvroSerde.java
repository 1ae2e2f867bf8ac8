package io.aegis.kafka.serde;

import io.aegis.kafka.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Confluent wire-format Avro serde for one record type. Constructed with a registry client
 * (the usual way, via {@link SerdeFactory}) or, without arguments, configured by Kafka
 * properties ({@code schema.registry.url}, {@code auto.register.schemas},
 * {@code specific.avro.reader}) as Confluent's serde is.
 */
public class ConfluentAvroSerde<T extends GenericContainer> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
    }

    public ConfluentAvroSerde(SchemaRegistryClient registry, Class<T> type, boolean autoRegister) {
        this.serializer = new ConfluentAvroSerializer<>(registry, autoRegister);
        this.deserializer = new ConfluentAvroDeserializer<>(registry, type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
