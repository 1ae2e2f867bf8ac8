package io.aegis.registry.config;

import io.aegis.registry.domain.CompatibilityLevel;
import io.aegis.registry.domain.RegistryException;
import io.aegis.registry.domain.SchemaRegistry;
import io.aegis.registry.domain.SchemaStore;
import io.aegis.registry.messaging.KafkaSchemaStore;
import io.aegis.registry.messaging.LogRecordCodec;
import io.aegis.registry.messaging.StoreSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the Kafka-backed store from configuration ({@code kafka.*} client properties and
 * {@code aegis.registry.*}) and starts it with the application, so the registry begins
 * rebuilding its state before the first request arrives.
 */
@Factory
public class StoreFactory {

    @Context
    @Bean(preDestroy = "close")
    KafkaSchemaStore schemaStore(RegistryConfiguration configuration, JsonMapper json,
                                 @Property(name = "kafka") @MapFormat(transformation = MapFormat.MapTransformation.FLAT,
                                         keyFormat = StringConvention.RAW) Map<String, Object> kafka,
                                 @Property(name = "kafka.bootstrap.servers") String bootstrapServers) {
        CompatibilityLevel defaultLevel;
        try {
            defaultLevel = CompatibilityLevel.parse(configuration.defaultCompatibility());
        } catch (RegistryException e) {
            throw new IllegalArgumentException("aegis.registry.default-compatibility: " + e.getMessage(), e);
        }
        Map<String, Object> clientProperties = new HashMap<>(kafka);
        // resolved on its own so that KAFKA_BOOTSTRAP_SERVERS overrides the file as for any other key
        clientProperties.put("bootstrap.servers", bootstrapServers);
        StoreSettings settings = new StoreSettings(configuration.topic(), clientProperties, configuration.timeout(),
                Optional.ofNullable(configuration.replicationFactor()));
        KafkaSchemaStore store = new KafkaSchemaStore(settings, new LogRecordCodec(json), defaultLevel);
        store.start();
        return store;
    }

    @Singleton
    SchemaRegistry schemaRegistry(SchemaStore store) {
        return new SchemaRegistry(store);
    }
}
