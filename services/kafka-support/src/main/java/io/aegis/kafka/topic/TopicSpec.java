package io.aegis.kafka.topic;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The wanted shape of one topic: partitions, replication and topic-level configuration
 * (retention.ms, cleanup.policy, min.insync.replicas, …). Immutable.
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topic " + name + ": replicationFactor must be at least 1, got "
                    + replicationFactor);
        }
        configs = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(configs, "configs")));
    }

    /**
     * This spec for a cluster of {@code brokers} brokers: replication capped at the broker count
     * and, when capped, min.insync.replicas kept below the new factor (never below 1), so that a
     * one-broker devstack accepts writes and a smaller cluster still survives a broker loss.
     */
    public TopicSpec forCluster(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster has at least one broker, got " + brokers);
        }
        if (replicationFactor <= brokers) {
            return this;
        }
        short capped = (short) brokers;
        Map<String, String> adjusted = new TreeMap<>(configs);
        String minInsync = adjusted.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        if (minInsync != null) {
            int wanted = Integer.parseInt(minInsync);
            adjusted.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    Integer.toString(Math.min(wanted, Math.max(1, capped - 1))));
        }
        return new TopicSpec(name, partitions, capped, adjusted);
    }
}
