package io.aegis.registry.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Kafka-backed store needs to run.
 *
 * @param topic the compacted store topic (one partition)
 * @param clientProperties Kafka client properties shared by admin, producer and consumer
 *                         (bootstrap.servers, security settings)
 * @param timeout how long a write may take from produce to local apply
 * @param replicationFactor replication factor when the store creates its topic; empty means the
 *                          broker's default
 */
public record StoreSettings(String topic, Map<String, Object> clientProperties, Duration timeout,
                            Optional<Short> replicationFactor) {

    public StoreSettings {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("aegis.registry.topic must not be blank");
        }
        if (!clientProperties.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("kafka.bootstrap.servers is required");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("aegis.registry.timeout must be positive, was " + timeout);
        }
        clientProperties = Map.copyOf(clientProperties);
    }
}
