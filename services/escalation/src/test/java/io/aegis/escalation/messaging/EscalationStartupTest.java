package io.aegis.escalation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.escalation.config.EscalationConfig;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscalationStartupTest {

    @Test
    void shouldRefuseToStartWithInvalidRulesNamingTheRuleAndField(@TempDir Path dir) throws Exception {
        // given: a rules file whose only rule points at an undefined window
        Path rules = dir.resolve("escalation-rules.yaml");
        Files.writeString(rules, """
                windows: {short: PT1H}
                rules: [{id: spread, tier: SEVERE, window: weekly, when: {minCountries: 3}}]
                """);

        // when/then: the context does not start, and says why
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "aegis.escalation.rules-file", rules.toString(),
                "aegis.escalation.state-dir", dir.resolve("state").toString(),
                "kafka.bootstrap.servers", "localhost:1")).close())
                .hasStackTraceContaining("rules[0] (id=spread).window: must name a window defined under windows [short], was \"weekly\"");
    }

    @Test
    void shouldRunExactlyOnceWithTheConfiguredStateDirAndDlqHandlers() {
        EscalationConfig config = new EscalationConfig("aegis-escalation", "/var/lib/escalation", "", Duration.ofMillis(100), 1);

        Properties props = EscalationStreams.streamsProperties(config, Map.of("bootstrap.servers", "broker:9092"));

        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/escalation")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "aegis-escalation")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsKey(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)
                .containsKey(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG);
        assertThat(config.rulesPath("infra")).isEqualTo(Path.of("infra", "escalation-rules.yaml"));
    }
}
