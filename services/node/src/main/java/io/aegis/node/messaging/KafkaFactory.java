package io.aegis.node.messaging;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.NodeConfig;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka clients of the node: the registry client, the typed topic catalogue and one shared
 * producer. The producer is fixed to acks=all with idempotence, and its delivery timeout equals
 * the API's produce timeout so that a write answered with 503 can never land later.
 */
@Factory
public class KafkaFactory {

    /** Below the smallest timeout: Kafka needs delivery.timeout.ms >= linger.ms + request.timeout.ms. */
    private static final int LINGER_MS = 2;

    @Singleton
    @Requires(property = "aegis.registry.url")
    SchemaRegistryClient registryClient(@Value("${aegis.registry.url}") String url) {
        return new HttpSchemaRegistryClient(url);
    }

    @Singleton
    SerdeFactory serdeFactory(SchemaRegistryClient registry) {
        return new SerdeFactory(registry);
    }

    @Singleton
    Topics topics(SerdeFactory serdes) {
        return new Topics(serdes);
    }

    @Singleton
    @Named("node")
    @Bean(preDestroy = "close")
    Producer<String, byte[]> producer(KafkaDefaultConfiguration kafka, NodeConfig node) {
        Map<String, Object> props = new HashMap<>();
        kafka.getConfig().forEach((k, v) -> props.put(k.toString(), v));
        props.keySet().removeIf(k -> k.startsWith("streams.") || k.startsWith("consumers.") || k.startsWith("producers.")
                || k.startsWith("health."));
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
        return new KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(), new ByteArraySerializer());
    }
}
