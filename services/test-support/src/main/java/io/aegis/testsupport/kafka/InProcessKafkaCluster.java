package io.aegis.testsupport.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.awaitility.Awaitility;

/**
 * Real KRaft brokers in this JVM, started with Kafka's own {@link KafkaClusterTestKit}: one
 * dedicated controller and 1 or 3 brokers. Replication settings follow the broker count
 * (RF 3 and min.insync.replicas 2 for three brokers), so exactly-once and broker-loss tests run
 * against the same guarantees as production. Close is idempotent: the test kit must not be
 * closed twice.
 */
public final class InProcessKafkaCluster implements KafkaCluster {

    private final KafkaClusterTestKit kit;
    private final int brokers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InProcessKafkaCluster(KafkaClusterTestKit kit, int brokers) {
        this.kit = kit;
        this.brokers = brokers;
    }

    /** Formats and starts a cluster and waits until all brokers are ready. */
    public static InProcessKafkaCluster start(int brokers, boolean autoCreateTopics, Map<String, String> extra) {
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException("brokers must be 1 or 3, was " + brokers);
        }
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(false)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(brokers)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            brokerDefaults(brokers, autoCreateTopics).forEach(builder::setConfigProp);
            extra.forEach(builder::setConfigProp);
            KafkaClusterTestKit kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new InProcessKafkaCluster(kit, brokers);
        } catch (Exception e) {
            throw new IllegalStateException("could not start in-process Kafka cluster: " + e.getMessage(), e);
        }
    }

    static Map<String, String> brokerDefaults(int brokers, boolean autoCreateTopics) {
        String rf = Integer.toString(Math.min(3, brokers));
        String minIsr = brokers >= 3 ? "2" : "1";
        Map<String, String> props = new HashMap<>();
        props.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
        props.put("num.partitions", "1");
        props.put("default.replication.factor", rf);
        props.put("min.insync.replicas", minIsr);
        props.put("offsets.topic.replication.factor", rf);
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", rf);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("transaction.state.log.num.partitions", "3");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("share.coordinator.state.topic.replication.factor", rf);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return props;
    }

    @Override
    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    @Override
    public int brokerCount() {
        return brokers;
    }

    @Override
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    @Override
    public void createTopic(String name, int partitions, int replicationFactor) {
        createTopic(name, partitions, replicationFactor, Map.of());
    }

    @Override
    public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        try (Admin admin = admin()) {
            NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor).configs(configs);
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name + ": " + e.getCause(), e);
                }
            }
            Awaitility.await("leaders of " + name).atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create topic " + name + ": " + e, e);
        }
    }

    @Override
    public Set<String> topicNames() {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not list topics: " + e, e);
        }
    }

    @Override
    public Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    @Override
    public Map<String, Object> consumerProps(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    @Override
    public void stopBroker(int brokerId) {
        BrokerServer broker = broker(brokerId);
        broker.shutdown();
        broker.awaitShutdown();
    }

    @Override
    public void restartBroker(int brokerId) {
        BrokerServer broker = broker(brokerId);
        broker.startup();
        Awaitility.await("broker " + brokerId + " serving").atMost(Duration.ofSeconds(60))
                .until(() -> broker.brokerState() == org.apache.kafka.metadata.BrokerState.RUNNING);
    }

    private BrokerServer broker(int brokerId) {
        BrokerServer broker = kit.brokers().get(brokerId);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + brokerId + "; brokers are " + kit.brokers().keySet());
        }
        return broker;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                kit.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close in-process Kafka cluster: " + e.getMessage(), e);
            }
        }
    }
}
