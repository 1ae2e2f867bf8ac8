package io.aegis.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/**
 * Router settings under {@code aegis.router}.
 *
 * @param applicationId   Kafka Streams application id (also the DLQ service name)
 * @param stateDir        Kafka Streams state directory
 * @param auditPartitions partitions of {@code aegis.routing.audit} when the topic cannot be described
 * @param releaseInterval how often due embargoes are released
 * @param commitInterval  Kafka Streams commit interval (exactly_once_v2 transaction length)
 * @param streamThreads   Kafka Streams threads
 * @param loadPolicies    publish {@code infra/policies/*.yaml} at start-up when newer than the topic
 */
@ConfigurationProperties("aegis.router")
public record RouterConfig(
        @Bindable(defaultValue = "aegis-router") @NotBlank String applicationId,
        @Bindable(defaultValue = "var/router/streams") @NotBlank String stateDir,
        @Bindable(defaultValue = "12") @Min(1) int auditPartitions,
        @Bindable(defaultValue = "1s") Duration releaseInterval,
        @Bindable(defaultValue = "100ms") Duration commitInterval,
        @Bindable(defaultValue = "1") @Min(1) int streamThreads,
        @Bindable(defaultValue = "true") boolean loadPolicies) {
}
