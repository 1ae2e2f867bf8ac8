package io.aegis.node.messaging;

import io.aegis.kafka.topic.Topic;
import io.aegis.node.config.NodeConfig;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes one record and completes only when the brokers acknowledged it (acks=all), or fails
 * with {@link KafkaUnavailableException} when they did not within the produce timeout. The
 * producer's own delivery timeout is the same bound, so a failed write is never retried behind
 * the caller's back: nothing claimed means nothing written.
 */
@Singleton
public class AckedWriter {

    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    public AckedWriter(@Named("node") Producer<String, byte[]> producer, NodeConfig config) {
        this.producer = producer;
        this.timeout = config.produceTimeout();
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
        // Grace over the producer's own bound, which always completes the callback first.
        return acked.orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(topic.name(), e)));
    }

    private static Throwable unwrap(String topic, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof KafkaUnavailableException ? cause : new KafkaUnavailableException(topic, cause);
    }
}
