package io.aegis.pipeline;

import io.aegis.kafka.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The TopologyTestDriver plumbing of the chained topologies: one driver per service, records piped between them. */
final class Drivers {

    private Drivers() {
    }

    /** A driver for {@code topology} (exactly-once, its own state directory), its wall clock starting at {@code start}. */
    static TopologyTestDriver driver(String name, Topology topology, Instant start) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(name).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TopologyTestDriver(topology, props, start);
    }

    /** Feeds {@code records}, with their keys and timestamps, to the driver's input {@code topic}. */
    static <V> void pipe(TopologyTestDriver driver, Topic<String, V> topic, List<TestRecord<String, V>> records) {
        var input = driver.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerializer());
        records.forEach(input::pipeInput);
    }

    /** Every record the driver wrote to {@code topic} since the last drain. */
    static <V> List<TestRecord<String, V>> drain(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueDeserializer())
                .readRecordsToList();
    }
}
