package io.aegis.escalation.topology;

import io.aegis.escalation.domain.EscalationRules;
import io.aegis.escalation.domain.RulesParser;
import io.aegis.kafka.dlq.DlqHandlerConfig;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The escalation topology in a TopologyTestDriver, with typed input, output and DLQ topics. */
final class EscalationDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, CoordinationSignal> signals;
    private final TestOutputTopic<String, Escalation> escalations;
    private final TestInputTopic<String, EmergencyCase> cases;
    private final TestOutputTopic<byte[], byte[]> dlq;
    private final Path stateDir;

    EscalationDriver(String rulesYaml) {
        this(RulesParser.parse("test rules", rulesYaml));
    }

    EscalationDriver(EscalationRules rules) {
        Topics topics = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient()));
        EscalationTopics io = EscalationTopics.of(topics);
        try {
            stateDir = Files.createTempDirectory("escalation-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "aegis-escalation-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        DlqHandlerConfig.install(config);
        Properties props = new Properties();
        props.putAll(config);
        driver = new TopologyTestDriver(EscalationTopology.build(new StreamsBuilder(), rules, io), props);
        signals = driver.createInputTopic(io.signals().name(), io.signals().keySerializer(), io.signals().valueSerializer());
        escalations = driver.createOutputTopic(io.escalations().name(),
                io.escalations().keyDeserializer(), io.escalations().valueDeserializer());
        cases = driver.createInputTopic(io.cases().name(), io.cases().keySerializer(), io.cases().valueSerializer());
        dlq = driver.createOutputTopic(TopicNames.DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Sends {@code signal} with record timestamp {@code at}, keyed by its signal id. */
    EscalationDriver send(CoordinationSignal signal, Instant at) {
        signals.pipeInput(signal.getSignalId(), signal, at);
        return this;
    }

    /** The response service writes case {@code kase} at {@code at} (keyed by its case id). */
    EscalationDriver caseWritten(EmergencyCase kase, Instant at) {
        cases.pipeInput(kase.getCaseId(), kase, at);
        return this;
    }

    /** Every escalation produced since the last call. */
    List<Escalation> escalations() {
        return escalations.readValuesToList();
    }

    /** Every escalation record (with key) produced since the last call. */
    List<TestRecord<String, Escalation>> escalationRecords() {
        return escalations.readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> dlqRecords() {
        return dlq.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
