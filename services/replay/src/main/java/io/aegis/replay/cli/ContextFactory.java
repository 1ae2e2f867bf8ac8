package io.aegis.replay.cli;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.replay.config.OperatorConfig;

/** Chooses the schema registry client for a configuration; the default speaks HTTP to {@code aegis.registry.url}. */
@FunctionalInterface
public interface ContextFactory {

    ContextFactory HTTP = config -> new HttpSchemaRegistryClient(config.registryUrl());

    SchemaRegistryClient registry(OperatorConfig config);
}
