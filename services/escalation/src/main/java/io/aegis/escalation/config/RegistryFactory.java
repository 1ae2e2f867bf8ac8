package io.aegis.escalation.config;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The schema registry client: HTTP to {@code aegis.registry.url}, with the credentials
 * {@code aegis.registry.username}/{@code aegis.registry.password} when set, unless another client bean is given.
 */
@Factory
public class RegistryFactory {

    @Singleton
    @Secondary
    SchemaRegistryClient schemaRegistryClient(
            @Property(name = "aegis.registry.url", defaultValue = "http://localhost:8081") String url,
            @Nullable @Property(name = "aegis.registry.username") String username,
            @Nullable @Property(name = "aegis.registry.password") String password) {
        return HttpSchemaRegistryClient.create(url, username, password);
    }
}
