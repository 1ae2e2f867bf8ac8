package io.aegis.router.config;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The schema registry client at {@code aegis.registry.url}, authenticated with {@code aegis.registry.username}
 * and {@code aegis.registry.password} when set, unless one is already registered (tests).
 */
@Factory
public class RegistryFactory {

    @Singleton
    @Requires(missingBeans = SchemaRegistryClient.class)
    SchemaRegistryClient schemaRegistryClient(AegisConfig aegis) {
        AegisConfig.Registry registry = aegis.registry();
        return HttpSchemaRegistryClient.create(registry.url(), registry.username(), registry.password());
    }
}
