package io.aegis.node.messaging;

import io.aegis.kafka.registry.SchemaRegistryException;
import io.aegis.kafka.topic.Topic;
import io.aegis.node.config.NodeConfig;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one record and completes only when the brokers acknowledged it (acks=all, idempotent
 * producer), or fails with {@link KafkaUnavailableException} when they did not within the
 * produce timeout. The producer's delivery timeout is that same bound, so a write answered with
 * 503 is never retried behind the caller's back: nothing claimed means nothing written. The
 * same holds for the schema registry: one that cannot be reached within the produce timeout fails
 * the write with {@link RegistryUnavailableException} (503) and nothing is produced.
 */
@Singleton
public class AckedWriter {

    /** Kafka needs delivery.timeout.ms >= linger.ms + request.timeout.ms. */
    private static final int LINGER_MS = 2;

    /** A (topic, writer schema) pair whose registry id the serializer already holds. */
    private record Warm(String topic, Schema schema) {
    }

    private final Producer<String, byte[]> producer;
    private final Duration timeout;
    private final String registry;
    private final Set<Warm> warmed = ConcurrentHashMap.newKeySet();
    /** Few threads: only the first write of each schema calls the registry; later ones queue briefly. */
    private final ExecutorService registryCalls = Executors.newFixedThreadPool(4, daemon("aegis-node-registry-call"));

    @Inject
    public AckedWriter(KafkaDefaultConfiguration kafka, NodeConfig config,
                       @Value("${aegis.registry.url:in-memory}") String registry) {
        this(new KafkaProducer<>(producerProps(kafka, config), new StringSerializer(), new ByteArraySerializer()),
                config.produceTimeout(), registry);
    }

    /** A writer over a given producer (tests, tools); {@code registry} names the registry in errors. */
    public AckedWriter(Producer<String, byte[]> producer, Duration timeout, String registry) {
        this.producer = producer;
        this.timeout = timeout;
        this.registry = registry;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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
    public static Map<String, Object> clientProps(KafkaDefaultConfiguration kafka) {
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

    /**
     * Serializes and writes one record. Fails with {@link RegistryUnavailableException} when the
     * registry is not reachable within the produce timeout (nothing is produced, even if it
     * answers later), and with {@link KafkaUnavailableException} when the brokers do not
     * acknowledge in time.
     */
    public <V> CompletableFuture<RecordMetadata> write(Topic<String, V> topic, String key, V value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return serialized(topic, value).thenCompose(bytes -> System.nanoTime() - deadline > 0
                // e.g. queued behind sends blocked on missing metadata: refuse rather than answer late
                ? CompletableFuture.failedFuture(new KafkaUnavailableException(topic.name(),
                        new TimeoutException("no time left to send within " + timeout.toMillis() + " ms")))
                : send(topic.name(), key, bytes));
    }

    /**
     * The value's bytes. Only the first value of a schema for a topic needs the registry (the
     * serializer caches its id for good); that one is serialized on another thread and given up
     * after the produce timeout, because the registry client's own retries take longer than that.
     * A CompletableFuture completes once, so a serialization that finishes after the timeout
     * fired never reaches {@link #send}.
     */
    private <V> CompletableFuture<byte[]> serialized(Topic<String, V> topic, V value) {
        Warm warm = new Warm(topic.name(), value instanceof GenericContainer c ? c.getSchema() : null);
        if (value == null || warmed.contains(warm)) {
            try {
                return CompletableFuture.completedFuture(topic.valueSerializer().serialize(topic.name(), value));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(registryFailure(topic.name(), e));
            }
        }
        return CompletableFuture.supplyAsync(() -> {
                    byte[] bytes = topic.valueSerializer().serialize(topic.name(), value);
                    warmed.add(warm);
                    return bytes;
                }, registryCalls)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(registryFailure(topic.name(), e)));
    }

    /** A registry that cannot be reached becomes a 503; anything else (a bad record, a refused schema) stays as is. */
    private Throwable registryFailure(String topic, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return new RegistryUnavailableException(registry, topic, "no answer within " + timeout.toMillis() + " ms", cause);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException s && s.isTransient()) {
                return new RegistryUnavailableException(s.registry(), topic, s.getMessage(), cause);
            }
        }
        return cause;
    }

    private CompletableFuture<RecordMetadata> send(String topic, String key, byte[] bytes) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, bytes), (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(new KafkaUnavailableException(topic, error));
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(new KafkaUnavailableException(topic, e));
        }
        // Grace over the producer's own bound, which completes the callback first.
        return acked.orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(topic, e)));
    }

    private static Throwable unwrap(String topic, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof KafkaUnavailableException ? cause : new KafkaUnavailableException(topic, cause);
    }

    @PreDestroy
    void close() {
        registryCalls.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
