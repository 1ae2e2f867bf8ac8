package io.aegis.node.messaging;

import io.aegis.node.config.NodeConfig;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many partitions each local state store has: those of its changelog topic
 * ({@code <application.id>-<store>-changelog}), which Kafka Streams creates with one partition per
 * task. Kafka Streams answers queries only for the partitions it hosts, so this count is what
 * tells a complete answer from a partial one. Learned once per store; a store whose count cannot
 * be learned (broker unreachable, changelog not created yet) is unavailable (503), never guessed.
 */
@Singleton
public class StorePartitions {

    private final Admin admin;
    private final String applicationId;
    private final Duration timeout;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public StorePartitions(KafkaDefaultConfiguration kafka, NodeConfig config,
                           @Value("${kafka.streams.default.application.id}") String applicationId) {
        Map<String, Object> props = AckedWriter.clientProps(kafka);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-store-partitions");
        this.admin = Admin.create(props);
        this.applicationId = applicationId;
        this.timeout = config.produceTimeout();
    }

    /** The partition count of {@code store}. */
    public int count(String store) {
        Integer known = counts.get(store);
        if (known != null) {
            return known;
        }
        String changelog = applicationId + "-" + store + "-changelog";
        try {
            int count = admin.describeTopics(List.of(changelog)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(changelog).partitions().size();
            counts.put(store, count);
            return count;
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException(store, new InvalidStateStoreException(
                    "cannot learn the partitions of " + changelog + ": " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(store, e);
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
