package io.aegis.escalation.messaging;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** {@code /health} reports the Kafka Streams state: UP while running or rebalancing, DOWN otherwise. */
@Singleton
public class EscalationHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final EscalationStreams streams;

    public EscalationHealthIndicator(EscalationStreams streams) {
        this.streams = streams;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        KafkaStreams.State state = streams.state();
        healthStatus = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
                ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("streams", state.name(), "rules", streams.rules().rules().size());
    }

    @Override
    protected String getName() {
        return "escalation";
    }
}
