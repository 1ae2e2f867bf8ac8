package io.aegis.escalation.config;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** The schema registry client: HTTP to {@code aegis.registry.url}, unless another client bean is given. */
@Factory
public class RegistryFactory {

    @Singleton
    @Secondary
    SchemaRegistryClient schemaRegistryClient(
            @Property(name = "aegis.registry.url", defaultValue = "http://localhost:8081") String url) {
        return new HttpSchemaRegistryClient(url);
    }
}
