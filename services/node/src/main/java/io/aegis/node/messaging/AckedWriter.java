package io.aegis.node.messaging;

import io.aegis.kafka.topic.Topic;
import io.aegis.node.config.NodeConfig;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Writes one record and completes only when the brokers acknowledged it (acks=all, idempotent
 * producer), or fails with {@link KafkaUnavailableException} when they did not within the
 * produce timeout. The producer's delivery timeout is that same bound, so a write answered with
 * 503 is never retried behind the caller's back: nothing claimed means nothing written.
 */
@Singleton
public class AckedWriter {

    /** Kafka needs delivery.timeout.ms >= linger.ms + request.timeout.ms. */
    private static final int LINGER_MS = 2;
    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    public AckedWriter(KafkaDefaultConfiguration kafka, NodeConfig config) {
        this.timeout = config.produceTimeout();
        this.producer = new KafkaProducer<>(producerProps(kafka, config), new StringSerializer(), new ByteArraySerializer());
    }

    static Map<String, Object> producerProps(KafkaDefaultConfiguration kafka, NodeConfig node) {
        Map<String, Object> props = clientProps(kafka);
        int timeout = (int) node.produceTimeout().toMillis();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout - LINGER_MS - 1));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "aegis-node-" + node.country());
        return props;
    }

    /** Kafka client properties (bootstrap, security) from {@code kafka.*}, without Micronaut's nested sections. */
    static Map<String, Object> clientProps(KafkaDefaultConfiguration kafka) {
        Map<String, Object> props = new HashMap<>();
        kafka.getConfig().forEach((k, v) -> {
            String key = k.toString();
            if (!key.startsWith("streams.") && !key.startsWith("consumers.") && !key.startsWith("producers.")
                    && !key.startsWith("health.")) {
                props.put(key, v);
            }
        });
        return props;
    }

    public <V> CompletableFuture<RecordMetadata> write(Topic<String, V> topic, String key, V value) {
        byte[] bytes = topic.valueSerializer().serialize(topic.name(), value);
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(new KafkaUnavailableException(topic.name(), error));
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(new KafkaUnavailableException(topic.name(), e));
        }
        // Grace over the producer's own bound, which completes the callback first.
        return acked.orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(topic.name(), e)));
    }

    private static Throwable unwrap(String topic, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof KafkaUnavailableException ? cause : new KafkaUnavailableException(topic, cause);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
