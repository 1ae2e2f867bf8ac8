package io.aegis.response.topology;

import io.aegis.kafka.dlq.DlqHandlerConfig;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.response.domain.Fixtures;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The response topology under TopologyTestDriver, with typed input and output topics. */
final class ResponseDriver implements AutoCloseable {

    final TopologyTestDriver driver;
    final TestInputTopic<String, Escalation> escalations;
    final TestOutputTopic<String, EmergencyCase> cases;
    final TestOutputTopic<String, CaseEvent> events;
    private final Topics topics;
    private final Map<String, TestInputTopic<String, CaseCommand>> commands = new HashMap<>();
    private final Map<String, TestOutputTopic<String, Notification>> notify = new HashMap<>();
    private final Path stateDir;
    private boolean closed;

    ResponseDriver(CaseWorkflow workflow, Instant wallClock) {
        this(workflow, wallClock, StreamsConfig.EXACTLY_ONCE_V2);
    }

    ResponseDriver(CaseWorkflow workflow, Instant wallClock, String processingGuarantee) {
        SerdeFactory serdes = new SerdeFactory(new InMemorySchemaRegistryClient());
        topics = new Topics(serdes);
        StreamsBuilder builder = new StreamsBuilder();
        ResponseTopology.build(builder, new ResponseTopology.Wiring(topics, serdes, workflow, Duration.ofSeconds(1), 1));
        try {
            stateDir = Files.createTempDirectory("response-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "response-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        Map<String, Object> dlq = new HashMap<>();
        DlqHandlerConfig.install(dlq);
        props.putAll(dlq);
        driver = new TopologyTestDriver(builder.build(), props, wallClock);
        escalations = driver.createInputTopic(topics.escalations().name(), Serdes.String().serializer(),
                topics.escalations().valueSerializer());
        cases = driver.createOutputTopic(topics.cases().name(), Serdes.String().deserializer(), topics.cases().valueDeserializer());
        events = driver.createOutputTopic(topics.caseEvents().name(), Serdes.String().deserializer(),
                topics.caseEvents().valueDeserializer());
        for (String country : Fixtures.MEMBERS) {
            commands.put(country, driver.createInputTopic(TopicNames.commands(country), Serdes.String().serializer(),
                    topics.commands(country).valueSerializer()));
            notify.put(country, driver.createOutputTopic(TopicNames.notify(country), Serdes.String().deserializer(),
                    topics.notify(country).valueDeserializer()));
        }
    }

    ResponseDriver() {
        this(Fixtures.workflow(), Fixtures.T0);
    }

    /** Raw bytes on a topic, as a broken or hostile producer would write them. */
    void pipeRaw(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer()).pipeInput(key, value);
    }

    TestOutputTopic<byte[], byte[]> dlq() {
        return driver.createOutputTopic(TopicNames.DLQ, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    void escalate(Escalation escalation) {
        escalations.pipeInput(escalation.getCorrelationKey(), escalation);
    }

    /** Sends a command on the commands topic of {@code topicCountry}. */
    void command(String topicCountry, CaseCommand command) {
        commands.get(topicCountry).pipeInput(command.getCaseId(), command);
    }

    TestInputTopic<String, CaseCommand> commandsOf(String country) {
        return commands.get(country);
    }

    TestOutputTopic<String, Notification> notifyOf(String country) {
        return notify.get(country);
    }

    /** What the topology wrote to {@code aegis.inbox.<country>} so far (case states), drained. */
    List<org.apache.kafka.streams.KeyValue<String, io.aegis.schema.signal.InboxEvent>> inboxOf(String country) {
        return driver.createOutputTopic(topics.inbox(country).name(), Serdes.String().deserializer(),
                topics.inbox(country).valueDeserializer()).readKeyValuesToList();
    }

    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
