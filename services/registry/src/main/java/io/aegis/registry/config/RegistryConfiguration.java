package io.aegis.registry.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The registry's own settings, under {@code aegis.registry}.
 *
 * @param topic the compacted store topic ({@code _schemas})
 * @param timeout how long a write may take from produce to local apply, and how long a request
 *                waits for the store to become ready
 * @param replicationFactor replication factor used when the registry creates its topic; unset
 *                          means the broker's {@code default.replication.factor}
 * @param defaultCompatibility the global level until one is set through {@code PUT /config}
 */
@ConfigurationProperties("aegis.registry")
public record RegistryConfiguration(
        @Bindable(defaultValue = RegistryConfiguration.DEFAULT_TOPIC) String topic,
        @Bindable(defaultValue = "30s") Duration timeout,
        @Nullable Short replicationFactor,
        @Bindable(defaultValue = "BACKWARD") String defaultCompatibility) {

    /** Equal to aegis-kafka-support's {@code TopicNames.SCHEMAS} (checked by a test, not a dependency). */
    public static final String DEFAULT_TOPIC = "_schemas";
}
