package io.aegis.replay.whatif;

import io.aegis.escalation.domain.Escalations;
import io.aegis.escalation.domain.EscalationRules;
import io.aegis.escalation.topology.EscalationTopics;
import io.aegis.escalation.topology.EscalationTopology;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.replay.ReplayException;
import io.aegis.replay.domain.Recorded;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/**
 * Runs the escalation service's own topology over recorded coordination signals, offline: a
 * TopologyTestDriver with an in-memory registry and a temporary state directory, so nothing
 * touches a live topic or a live store. Signals are replayed in their recorded order with their
 * recorded timestamps, which is all the topology's timing depends on (windows and expiry run on
 * stream time), so a re-run with the live rules reproduces the live escalations.
 */
public final class EscalationRun {

    private EscalationRun() {
    }

    public static List<Escalation> run(EscalationRules rules, List<Recorded<CoordinationSignal>> signals) {
        return run(rules, signals, List.of());
    }

    /**
     * As {@link #run(EscalationRules, List)}, with the recorded cases too: a case resolved in the range
     * retires its group in the re-run as it did in the service (they are merged with the signals in
     * recorded time order; at equal times a signal goes first).
     */
    public static List<Escalation> run(EscalationRules rules, List<Recorded<CoordinationSignal>> signals,
                                       List<Recorded<EmergencyCase>> cases) {
        Topics topics = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient()));
        EscalationTopics io = EscalationTopics.of(topics);
        Path stateDir = tempDir();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aegis-what-if");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                EscalationTopology.build(new StreamsBuilder(), rules, io), props)) {
            TestInputTopic<String, CoordinationSignal> input =
                    driver.createInputTopic(io.signals().name(), io.signals().keySerializer(), io.signals().valueSerializer());
            TestOutputTopic<String, Escalation> output = driver.createOutputTopic(io.escalations().name(),
                    io.escalations().keyDeserializer(), io.escalations().valueDeserializer());
            TestInputTopic<String, EmergencyCase> caseInput =
                    driver.createInputTopic(io.cases().name(), io.cases().keySerializer(), io.cases().valueSerializer());
            List<Recorded<?>> timeline = new ArrayList<>(signals);
            timeline.addAll(cases);
            timeline.sort(Comparator.comparingLong((Recorded<?> r) -> r.timestamp())
                    .thenComparing(r -> !(r.value() instanceof CoordinationSignal))
                    .thenComparing(Recorded::topic).thenComparingInt(Recorded::partition).thenComparingLong(Recorded::offset));
            for (Recorded<?> record : timeline) {
                Instant at = Instant.ofEpochMilli(record.timestamp());
                if (record.value() instanceof CoordinationSignal signal) {
                    input.pipeInput(record.key(), signal, at);
                } else if (record.value() instanceof EmergencyCase kase) {
                    caseInput.pipeInput(record.key(), kase, at);
                }
            }
            // tier changes only: disclosure updates (need to know narrowed) and group updates are not what rules decide
            return output.readValuesToList().stream().filter(Escalations::isTierChange).toList();
        } finally {
            deleteTree(stateDir);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("aegis-what-if-");
        } catch (IOException e) {
            throw new ReplayException(ReplayException.FAILURE, "cannot create a state directory for the what-if run", e);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        } catch (IOException e) {
            throw new ReplayException(ReplayException.FAILURE, "cannot remove what-if state " + root, e);
        }
    }
}
