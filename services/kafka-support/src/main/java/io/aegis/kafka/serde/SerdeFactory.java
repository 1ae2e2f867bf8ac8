package io.aegis.kafka.serde;

import io.aegis.kafka.avro.AvroTrust;
import io.aegis.kafka.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Builds the Confluent-format Avro serdes of the contract records against one registry.
 * One serde per record class and role (key or value) is created and then reused.
 */
public final class SerdeFactory {

    static {
        AvroTrust.trustContracts();
    }

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final ConcurrentMap<Class<?>, Serde<?>> values = new ConcurrentHashMap<>();
    private final ConcurrentMap<Class<?>, Serde<?>> keys = new ConcurrentHashMap<>();

    /** Serdes that register their writer schemas on first use. */
    public SerdeFactory(SchemaRegistryClient registry) {
        this(registry, true);
    }

    /**
     * @param autoRegister false to only look schemas up (the registry must already hold them),
     *                     as production clients with restricted registry rights do
     */
    public SerdeFactory(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.autoRegister = autoRegister;
    }

    /** The value serde of a generated contract class (subject {@code <topic>-value}). */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return (Serde<T>) values.computeIfAbsent(type, t -> create(type, false));
    }

    /** The key serde of a generated contract class (subject {@code <topic>-key}). */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> key(Class<T> type) {
        return (Serde<T>) keys.computeIfAbsent(type, t -> create(type, true));
    }

    /** The registry these serdes use. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    private <T extends SpecificRecord> Serde<T> create(Class<T> type, boolean isKey) {
        ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>(registry, type, autoRegister);
        serde.configure(Map.of(), isKey);
        return serde;
    }
}
