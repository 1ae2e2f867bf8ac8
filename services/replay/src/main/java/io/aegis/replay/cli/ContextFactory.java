package io.aegis.replay.cli;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.RegistryCredentials;
import io.aegis.kafka.registry.RetryPolicy;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.replay.config.OperatorConfig;

/**
 * Chooses the schema registry client for a configuration; the default speaks HTTP to {@code aegis.registry.url},
 * with the operator's registry credentials when configured.
 */
@FunctionalInterface
public interface ContextFactory {

    ContextFactory HTTP = config -> new HttpSchemaRegistryClient(config.registryUrl(), RetryPolicy.DEFAULT,
            config.registry().map(RegistryCredentials::userInfo).orElse(null));

    SchemaRegistryClient registry(OperatorConfig config);
}
