package io.aegis.registry.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes sure the store topic exists as the registry needs it: exactly one partition (a single
 * total order is what lets every instance resolve claims the same way) and compacted.
 */
final class StoreTopic {

    private StoreTopic() {
    }

    /**
     * Creates the topic if missing and checks it.
     *
     * @throws IllegalStateException if an existing topic has more than one partition or is not compacted
     */
    static void ensure(StoreSettings settings, long timeoutMs) throws InterruptedException, ExecutionException, TimeoutException {
        Admin admin = Admin.create(settings.clientProperties());
        try {
            NewTopic topic = new NewTopic(settings.topic(), Optional.of(1), settings.replicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription description = admin.describeTopics(List.of(settings.topic()))
                    .allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS).get(settings.topic());
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("store topic '" + settings.topic() + "' has "
                        + description.partitions().size() + " partitions; the registry needs exactly 1");
            }
            requireCompacted(admin, settings.topic(), timeoutMs);
        } finally {
            // close() alone would wait for abandoned calls until default.api.timeout.ms
            admin.close(Duration.ofMillis(timeoutMs));
        }
    }

    private static void requireCompacted(Admin admin, String topic, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all()
                .get(timeoutMs, TimeUnit.MILLISECONDS).get(resource);
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)
                || policy.value().contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            throw new IllegalStateException("store topic '" + topic + "' has cleanup.policy="
                    + (policy == null ? "unset" : policy.value()) + "; the registry needs compact (never delete)");
        }
    }
}
