package io.aegis.escalation.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Escalation settings under {@code aegis.escalation}.
 *
 * @param applicationId   Kafka Streams application id (also the DLQ service name)
 * @param stateDir        Kafka Streams state directory
 * @param rulesFile       the rules YAML; empty means {@code <aegis.infra.dir>/escalation-rules.yaml}
 * @param commitInterval  Kafka Streams commit interval (the exactly_once_v2 transaction length)
 * @param standbyReplicas warm copies of the correlation state on other instances, for fast fail-over
 */
@ConfigurationProperties("aegis.escalation")
public record EscalationConfig(
        @Bindable(defaultValue = "aegis-escalation") @NotBlank String applicationId,
        @Bindable(defaultValue = "var/escalation/streams") @NotBlank String stateDir,
        @Bindable(defaultValue = "") String rulesFile,
        @Bindable(defaultValue = "100ms") Duration commitInterval,
        @Bindable(defaultValue = "0") @Min(0) int standbyReplicas) {

    /** The rules file to load, given the shared {@code aegis.infra.dir}. */
    public Path rulesPath(String infraDir) {
        return rulesFile == null || rulesFile.isBlank()
                ? Path.of(infraDir, "escalation-rules.yaml") : Path.of(rulesFile);
    }
}
