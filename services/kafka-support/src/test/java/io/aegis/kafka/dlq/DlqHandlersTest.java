package io.aegis.kafka.dlq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.fixtures.ContractSamples;
import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.registry.RetryPolicy;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryException;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.serde.WireFormat;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Streams DLQ handlers, in a topology that reads receipts and fails on one country. */
class DlqHandlersTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, Receipt> output;
    private TestOutputTopic<byte[], byte[]> dlq;
    private Topics topics;

    @BeforeEach
    void startTopology() {
        ContractSamples.all();
        start(new InMemorySchemaRegistryClient());
    }

    private void start(SchemaRegistryClient registry) {
        topics = new Topics(new SerdeFactory(registry));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TopicNames.RECEIPTS, topics.receipts().consumed())
                .mapValues(receipt -> {
                    if (receipt.getCountry().equals("XX")) {
                        throw new IllegalStateException("country XX is not a member");
                    }
                    return receipt;
                }, Named.as("check-member"))
                .to("receipts.out", topics.receipts().produced());
        Map<String, Object> config = new HashMap<>(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "dlq-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"));
        DlqHandlerConfig.install(config);
        Properties props = new Properties();
        props.putAll(config);
        driver = new TopologyTestDriver(builder.build(), props);
        input = driver.createInputTopic(TopicNames.RECEIPTS, Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        output = driver.createOutputTopic("receipts.out", Serdes.String().deserializer(),
                topics.receipts().valueDeserializer());
        dlq = driver.createOutputTopic(TopicNames.DLQ, Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldSendAnUndeserializableRecordToTheDlqAndCarryOn() {
        // given a record that is not Confluent-format Avro, followed by a good one
        byte[] garbage = "{\"json\":true}".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>("k1".getBytes(StandardCharsets.UTF_8), garbage, headers, T0));
        input.pipeInput("k2".getBytes(StandardCharsets.UTF_8), good("DE"), T0.plusSeconds(1));

        // then the bad one is on the DLQ, unchanged and explained, and the good one went through
        List<TestRecord<byte[], byte[]>> rejected = dlq.readRecordsToList();
        assertEquals(1, rejected.size());
        TestRecord<byte[], byte[]> record = rejected.get(0);
        assertArrayEquals(garbage, record.value());
        assertArrayEquals("k1".getBytes(StandardCharsets.UTF_8), record.key());
        assertEquals("abc", DlqRecords.header(record.headers(), "trace"));
        assertTrue(DlqRecords.header(record.headers(), DlqHeaders.REASON).startsWith("cannot deserialize: "),
                DlqRecords.header(record.headers(), DlqHeaders.REASON));
        assertTrue(DlqRecords.header(record.headers(), DlqHeaders.REASON).contains("magic byte 0x7b"));
        assertEquals(TopicNames.RECEIPTS, DlqRecords.header(record.headers(), DlqHeaders.SOURCE_TOPIC));
        assertEquals("0", DlqRecords.header(record.headers(), DlqHeaders.SOURCE_PARTITION));
        assertEquals("0", DlqRecords.header(record.headers(), DlqHeaders.SOURCE_OFFSET));
        assertEquals("dlq-test", DlqRecords.header(record.headers(), DlqHeaders.SERVICE));
        assertEquals(List.of("DE"), output.readValuesToList().stream().map(Receipt::getCountry).toList());
    }

    @Test
    void shouldSendTheOriginalBytesOfARecordAProcessorRejectsToTheDlq() {
        // given a well-formed record that the processor refuses
        byte[] bytes = good("XX");
        input.pipeInput("k1".getBytes(StandardCharsets.UTF_8), bytes, T0);
        input.pipeInput("k2".getBytes(StandardCharsets.UTF_8), good("JP"), T0.plusSeconds(1));

        // then its original bytes are on the DLQ with the processor named, and processing went on
        List<TestRecord<byte[], byte[]>> rejected = dlq.readRecordsToList();
        assertEquals(1, rejected.size());
        assertArrayEquals(bytes, rejected.get(0).value());
        String reason = DlqRecords.header(rejected.get(0).headers(), DlqHeaders.REASON);
        assertEquals("processor check-member failed: java.lang.IllegalStateException: country XX is not a member",
                reason);
        assertEquals(IllegalStateException.class.getName(),
                DlqRecords.header(rejected.get(0).headers(), DlqHeaders.EXCEPTION));
        assertEquals(List.of("JP"), output.readValuesToList().stream().map(Receipt::getCountry).toList());
    }

    @Test
    void shouldDeadLetterARecordNamingASchemaIdTheRegistryDoesNotKnow() {
        // the registry answered: the record itself is at fault
        byte[] unknownId = WireFormat.frame(999, new byte[] {2});

        input.pipeInput("k".getBytes(StandardCharsets.UTF_8), unknownId, T0);

        List<TestRecord<byte[], byte[]>> rejected = dlq.readRecordsToList();
        assertEquals(1, rejected.size());
        assertTrue(DlqRecords.header(rejected.get(0).headers(), DlqHeaders.REASON).contains("get schema by id 999"),
                DlqRecords.header(rejected.get(0).headers(), DlqHeaders.REASON));
    }

    @Test
    void shouldStopRatherThanDeadLetterAGoodRecordWhileTheRegistryIsDown() throws Exception {
        // given a topology whose registry cannot be reached
        byte[] bytes = good("DE");
        driver.close();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        start(new HttpSchemaRegistryClient("http://127.0.0.1:" + port,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1))));

        // when a well-formed record arrives, then the task fails and nothing reaches the DLQ
        StreamsException e = assertThrows(StreamsException.class,
                () -> input.pipeInput("k".getBytes(StandardCharsets.UTF_8), bytes, T0));
        assertTrue(dlq.isEmpty());
        assertTrue(output.isEmpty());
        assertTrue(causes(e).stream().anyMatch(c -> c instanceof SchemaRegistryException r && !r.isNotFound()),
                causes(e).toString());
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private byte[] good(String country) {
        return topics.receipts().valueSerializer().serialize(TopicNames.RECEIPTS,
                new Receipt("sig-1", country, ReceiptKind.DELIVERED, T0, null));
    }
}
