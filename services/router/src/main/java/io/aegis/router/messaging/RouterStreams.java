package io.aegis.router.messaging;

import io.aegis.policy.Members;
import io.aegis.policy.MembersYaml;
import io.aegis.kafka.dlq.DlqHandlerConfig;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.router.config.AegisConfig;
import io.aegis.router.config.RouterConfig;
import io.aegis.router.topology.RouterSettings;
import io.aegis.router.topology.RouterTopology;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.convert.format.MapFormat;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the router's Kafka Streams instance: loads the member list, publishes newer policy files,
 * sizes the audit chain to the audit topic, starts the topology with exactly_once_v2 and closes it
 * on shutdown. Started eagerly with the application context.
 */
@Context
public class RouterStreams {

    private static final Logger LOG = LoggerFactory.getLogger(RouterStreams.class);

    private final KafkaStreams streams;

    public RouterStreams(RouterConfig router, AegisConfig aegis, SchemaRegistryClient registry,
                         @Property(name = "kafka") @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> kafka) {
        Map<String, Object> clients = new HashMap<>(kafka);
        Members members = MembersYaml.load(aegis.membersPath());
        Topics topics = new Topics(new SerdeFactory(registry, aegis.autoRegisterSchemas()));
        if (router.loadPolicies()) {
            new PolicyLoader(new PolicyTopic(topics.policies(), topics::inbox, clients, Duration.ofSeconds(30)), members)
                    .load(aegis.policiesDir(), Instant.now());
        }
        RouterSettings settings = new RouterSettings(router.applicationId(), auditPartitions(clients, router.auditPartitions()),
                router.releaseInterval(), aegis.networkKeyBytes());
        streams = new KafkaStreams(RouterTopology.build(new StreamsBuilder(), members, topics, settings), streamsProperties(router, clients));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("router stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        LOG.info("router started for {} members, audit chain over {} partitions", members.codes().size(), settings.auditPartitions());
    }

    /** Kafka Streams properties: the client settings under {@code kafka.*} plus the router's own. */
    public static Properties streamsProperties(RouterConfig router, Map<String, Object> clients) {
        Map<String, Object> props = new HashMap<>(clients);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, router.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, router.stateDir());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, router.commitInterval().toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, router.streamThreads());
        props.put(StreamsConfig.consumerPrefix("metadata.max.age.ms"), 10_000);
        // A transaction's first write to a partition can meet CONCURRENT_TRANSACTIONS while the previous
        // commit's markers land; the default backoff (100 ms growing to 1 s) would stall every commit.
        props.putIfAbsent(StreamsConfig.producerPrefix("retry.backoff.ms"), 5);
        props.putIfAbsent(StreamsConfig.producerPrefix("retry.backoff.max.ms"), 50);
        props.put(DlqHandlerConfig.SERVICE_CONFIG, router.applicationId());
        DlqHandlerConfig.install(props);
        Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }

    private static int auditPartitions(Map<String, Object> clients, int fallback) {
        try (Admin admin = Admin.create(clients)) {
            return admin.describeTopics(List.of(TopicNames.ROUTING_AUDIT)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(TopicNames.ROUTING_AUDIT).partitions().size();
        } catch (Exception e) {
            LOG.warn("cannot describe {} ({}); assuming {} partitions", TopicNames.ROUTING_AUDIT, e.getMessage(), fallback);
            return fallback;
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** A local read-only view of a router state store. */
    public <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    }

    @PreDestroy
    public void close() {
        // Leave the group so a replacement instance takes the partitions over at once, not after the session timeout.
        streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
    }
}
