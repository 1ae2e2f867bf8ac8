package io.aegis.testsupport.kafka;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/** A running Kafka cluster for a test: addresses, admin access, client properties, broker faults. */
public interface KafkaCluster extends AutoCloseable {

    String bootstrapServers();

    int brokerCount();

    /** A new admin client; the caller closes it. */
    Admin admin();

    /** Creates a topic and waits until every partition has a leader. */
    void createTopic(String name, int partitions, int replicationFactor);

    /** Creates a topic with extra topic configuration (for example {@code cleanup.policy=compact}). */
    void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs);

    /** Topic names currently in the cluster (internal ones excluded). */
    Set<String> topicNames();

    /** Producer properties for byte-array records: acks=all, idempotent. */
    Map<String, Object> producerProps();

    /** Consumer properties for byte-array records, reading from the earliest offset, committed reads only. */
    Map<String, Object> consumerProps(String groupId);

    /** Stops one broker (ids 0..brokerCount-1); its port stays reserved for {@link #restartBroker}. */
    void stopBroker(int brokerId);

    /** Starts a stopped broker again on the same port and waits until it is serving. */
    void restartBroker(int brokerId);

    @Override
    void close();
}
