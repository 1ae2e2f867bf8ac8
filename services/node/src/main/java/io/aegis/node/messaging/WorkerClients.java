package io.aegis.node.messaging;

import io.aegis.node.config.WebhookWorkerConfig;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Kafka clients of the node's consumer workers (webhooks, e-mail paging), from the node's own
 * Kafka settings: a consumer of its own group that commits by hand from the earliest offset, and
 * an idempotent producer for the DLQ that waits for every in-sync replica.
 */
public final class WorkerClients {

    private WorkerClients() {
    }

    /** New consumers of group {@code groupId}, one per call (a worker recreates its consumer after a failure). */
    public static Supplier<Consumer<byte[], byte[]>> consumers(KafkaDefaultConfiguration kafka, String groupId,
                                                                WebhookWorkerConfig config) {
        Map<String, Object> props = new HashMap<>(AckedWriter.clientProps(kafka));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) config.maxPollInterval().toMillis());
        return () -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The DLQ producer: acks from all in-sync replicas, idempotent. */
    public static KafkaProducer<byte[], byte[]> dlqProducer(KafkaDefaultConfiguration kafka) {
        Map<String, Object> props = new HashMap<>(AckedWriter.clientProps(kafka));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
