package io.aegis.escalation.messaging;

import io.aegis.escalation.config.EscalationConfig;
import io.aegis.escalation.domain.EscalationRules;
import io.aegis.escalation.topology.EscalationTopics;
import io.aegis.escalation.topology.EscalationTopology;
import io.aegis.kafka.dlq.DlqHandlerConfig;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.convert.format.MapFormat;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the escalation's Kafka Streams instance: builds the topology from the validated rules
 * ({@link io.aegis.escalation.config.RulesFactory}) over the live topics, runs it with exactly_once_v2 and
 * closes it on shutdown. Started eagerly with the application context. Its serdes register their schemas
 * only while {@code aegis.registry.auto-register} is true (the default).
 */
@Context
public class EscalationStreams {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationStreams.class);

    private final KafkaStreams streams;
    private final EscalationRules rules;

    public EscalationStreams(EscalationRules rules, EscalationConfig config, SchemaRegistryClient registry,
                             @Property(name = "kafka") @MapFormat(transformation = MapFormat.MapTransformation.FLAT)
                             Map<String, String> kafka,
                             @Property(name = "aegis.registry.auto-register", defaultValue = "true") boolean autoRegister) {
        this.rules = rules;
        Topics topics = new Topics(new SerdeFactory(registry, autoRegister));
        streams = new KafkaStreams(EscalationTopology.build(new StreamsBuilder(), rules, EscalationTopics.of(topics)),
                streamsProperties(config, new HashMap<>(kafka)));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("escalation stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        LOG.info("escalation started with {} rules, {} category floors and windows {}",
                rules.rules().size(), rules.categoryFloors().size(), rules.windows());
    }

    /** Kafka Streams properties: the client settings under {@code kafka.*} plus the service's own. */
    public static Properties streamsProperties(EscalationConfig config, Map<String, Object> clients) {
        Map<String, Object> props = new HashMap<>(clients);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.put(DlqHandlerConfig.SERVICE_CONFIG, config.applicationId());
        DlqHandlerConfig.install(props);
        Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The rules in force. */
    public EscalationRules rules() {
        return rules;
    }

    /**
     * Closes the streams and leaves the consumer group, so that a restarted or other instance takes
     * the single correlation task over at once instead of after the session timeout.
     */
    @PreDestroy
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
