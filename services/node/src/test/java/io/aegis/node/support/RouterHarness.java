package io.aegis.node.support;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.router.config.AegisConfig;
import io.aegis.router.config.AvroTrust;
import io.aegis.router.config.RouterConfig;
import io.aegis.router.messaging.RouterStreams;
import io.aegis.testsupport.kafka.KafkaCluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The production router outside Micronaut for node tests that need the real network between nodes:
 * the nodes as members with their real keys, and each origin's policy file.
 */
public final class RouterHarness {

    private RouterHarness() {
    }

    /**
     * Creates the shared topics the router reads and writes (the policies compacted, as in production).
     * Call it before the nodes start: a node creates the ones it needs that are missing, uncompacted.
     */
    public static void createTopics(KafkaCluster kafka) {
        for (String topic : List.of(TopicNames.COORDINATION_SIGNALS, TopicNames.ROUTING_AUDIT, TopicNames.RECEIPTS, TopicNames.DLQ)) {
            kafka.createTopic(topic, 1, 1);
        }
        kafka.createTopic(TopicNames.POLICIES, 1, 1, Map.of("cleanup.policy", "compact"));
    }

    /** Starts a router named {@code name} over {@code nodes}, with {@code policies} (country → policy YAML). */
    public static RouterStreams start(String name, KafkaCluster kafka, List<NodeHarness> nodes, Map<String, String> policies)
            throws Exception {
        AvroTrust.install();
        Path infra = Files.createTempDirectory(name + "-infra");
        StringBuilder members = new StringBuilder("members:\n");
        for (NodeHarness node : nodes) {
            members.append("  - {code: %s, name: %s, keyId: %s, publicKey: \"%s\"}\n"
                    .formatted(node.country, node.country, node.keyId(), Ed25519.encodePublic(node.keys.getPublic())));
        }
        Files.writeString(infra.resolve("members.yaml"), members);
        Files.createDirectories(infra.resolve("policies"));
        for (Map.Entry<String, String> policy : policies.entrySet()) {
            Files.writeString(infra.resolve("policies/" + policy.getKey() + ".yaml"), policy.getValue());
        }
        RouterConfig config = new RouterConfig("aegis-router-" + name, Files.createTempDirectory(name + "-router").toString(),
                1, Duration.ofSeconds(1), Duration.ofMillis(100), 1, true);
        String networkKey = Base64.getEncoder().encodeToString((name + "-network-key-0123456789").getBytes(StandardCharsets.UTF_8));
        AegisConfig aegis = new AegisConfig(infra.toString(), "", networkKey, new AegisConfig.Registry("http://unused", null, null, true));
        return new RouterStreams(config, aegis, nodes.get(0).registry, Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }
}
