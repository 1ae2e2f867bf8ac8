package io.aegis.registry.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

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
        if (replicationFactor.isPresent() && replicationFactor.get() < 1) {
            throw new IllegalArgumentException("aegis.registry.replication-factor must be at least 1, was "
                    + replicationFactor.get());
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Producer settings: acks=all and idempotence are not negotiable for the store. */
    Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "aegis-registry-writer-" + UUID.randomUUID());
        return properties;
    }

    /** Reader settings: no group (every instance reads the whole topic), from the beginning. */
    Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "aegis-registry-reader-" + UUID.randomUUID());
        // A write is answered only once read back, so the broker must not hold an empty fetch long.
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        return properties;
    }
}
