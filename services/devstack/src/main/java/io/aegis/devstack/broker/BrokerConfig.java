package io.aegis.devstack.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code server.properties} of the devstack's KRaft brokers (one, or three for a real
 * replicated cluster): broker and controller in one process on localhost, internal topics
 * replicated on every broker up to three (min.insync.replicas 2 with three), no automatic
 * topic creation (topics come from {@code infra/topics.yaml}). Secured like a production
 * cluster: clients log in with SCRAM-SHA-512 on the client listener, the broker reaches its
 * controller with SASL/PLAIN (a login known to this file only), the KRaft StandardAuthorizer
 * denies whatever {@code infra/acls.yaml} does not grant, and only the devstack's administrator
 * and the broker itself are super users. The file holds passwords: it is written owner-only.
 */
public final class BrokerConfig {

    private BrokerConfig() {
    }

    /** The listener clients (and the broker itself) connect to. */
    public static final String CLIENT_LISTENER = "CLIENT";

    /**
     * The logins configured in the broker itself.
     *
     * @param brokerPassword     SCRAM password of {@code brokerUser} (inter-broker traffic on the client listener)
     * @param controllerPassword PLAIN password of {@code controllerUser} (broker to controller)
     */
    public record Security(String brokerUser, String brokerPassword, String controllerUser, String controllerPassword,
                           String adminUser) {
    }

    /** The properties of the one broker of a single-node devstack. */
    public static Map<String, String> properties(int brokerPort, int controllerPort, Path dataDir, Security security) {
        return properties(1, List.of(new Ports(brokerPort, controllerPort)), dataDir, security);
    }

    /** One node's client and controller ports. */
    public record Ports(int client, int controller) {
    }

    /**
     * The properties of node {@code nodeId} (1-based) of a cluster whose nodes listen on
     * {@code cluster} (node {@code i} at index {@code i-1}), in a stable order. Every node is a
     * combined broker and controller; with three, internal topics replicate three times and
     * acknowledged writes need two in-sync replicas.
     */
    public static Map<String, String> properties(int nodeId, List<Ports> cluster, Path dataDir, Security security) {
        int brokerPort = cluster.get(nodeId - 1).client();
        int controllerPort = cluster.get(nodeId - 1).controller();
        int replication = Math.min(3, cluster.size());
        String minIsr = replication > 1 ? "2" : "1";
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", java.util.stream.IntStream.range(0, cluster.size())
                .mapToObj(i -> (i + 1) + "@localhost:" + cluster.get(i).controller())
                .collect(Collectors.joining(",")));
        p.put("listeners", CLIENT_LISTENER + "://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://localhost:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT," + CLIENT_LISTENER + ":SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                + " required username=\"" + security.brokerUser() + "\" password=\"" + security.brokerPassword() + "\";");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"" + security.controllerUser() + "\" password=\"" + security.controllerPassword()
                + "\" user_" + security.controllerUser() + "=\"" + security.controllerPassword() + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + security.adminUser() + ";User:" + security.brokerUser() + ";User:"
                + security.controllerUser());
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", Integer.toString(replication));
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", Integer.toString(replication));
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        // what Kafka Streams' internal topics (replication.factor -1) and any other default-created topic get
        p.put("default.replication.factor", Integer.toString(replication));
        p.put("min.insync.replicas", minIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("log.retention.check.interval.ms", "300000");
        return p;
    }

    /** The properties as file text. */
    public static String render(Map<String, String> properties) {
        return "# Generated by ./aegis up for the devstack broker; edits are overwritten.\n"
                + properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n"));
    }
}
