package io.aegis.registry.serde;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.serde.WireFormat;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.registry.support.ContractSamples;
import io.aegis.registry.support.RegistryInstance;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every contract record written with aegis-kafka-support's Confluent-format serde through this
 * registry ({@link HttpSchemaRegistryClient}) on a real broker, read back by the serde, and read
 * by plain Avro given only the schema the registry returns for the id in the record: the proof
 * that what this registry stores is what any Confluent-compatible consumer would need.
 */
@Tag("integration")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SerdeRoundTripIT {

    private RegistryInstance registry;
    private Topics topics;
    private KafkaCluster kafka;

    @BeforeAll
    void start(KafkaCluster cluster) {
        kafka = cluster;
        registry = RegistryInstance.start(cluster.bootstrapServers(), "_schemas");
        topics = new Topics(new SerdeFactory(HttpSchemaRegistryClient.create(registry.url(), RegistryInstance.ADMIN,
                RegistryInstance.ADMIN_PASSWORD)));
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    /** A topic of the catalogue and the contract class its values have. */
    record Contract(String name, Function<Topics, Topic<String, ?>> topic, Class<? extends SpecificRecord> type) {
        @Override
        public String toString() {
            return name + " → " + type.getSimpleName();
        }
    }

    static Stream<Contract> contracts() {
        return Stream.of(
                new Contract("outbox", t -> t.outbox("FR"), OutboxEvent.class),
                new Contract("inbox", t -> t.inbox("DE"), InboxEvent.class),
                new Contract("commands", t -> t.commands("JP"), CaseCommand.class),
                new Contract("notify", t -> t.notify("BR"), Notification.class),
                new Contract("coordination", Topics::coordinationSignals, CoordinationSignal.class),
                new Contract("routing audit", Topics::routingAudit, RoutingDecision.class),
                new Contract("policies", Topics::policies, SharingPolicy.class),
                new Contract("escalations", Topics::escalations, Escalation.class),
                new Contract("cases", Topics::cases, EmergencyCase.class),
                new Contract("case events", Topics::caseEvents, CaseEvent.class),
                new Contract("receipts", Topics::receipts, Receipt.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void shouldRoundTripTheContractThroughTheRegistry(Contract contract) throws IOException {
        // given samples of the topic's contract, written with the serde bound to this registry
        @SuppressWarnings("unchecked")
        Topic<String, SpecificRecord> topic = (Topic<String, SpecificRecord>) contract.topic().apply(topics);
        List<SpecificRecord> sent = samples(contract.type());
        produce(topic, sent);

        // when the raw records are read back
        List<byte[]> payloads = consume(topic.name(), sent.size());

        // then the serde decodes what was sent, and plain Avro does too with the registry's schema
        for (int i = 0; i < sent.size(); i++) {
            byte[] payload = payloads.get(i);
            assertEquals(avroJson(sent.get(i)), avroJson(topic.valueDeserializer().deserialize(topic.name(), payload)));
            int id = WireFormat.schemaId(payload, topic.name());
            Schema writer = new Schema.Parser().parse(registry.get("/schemas/ids/" + id + "/schema").body());
            assertEquals(SpecificData.get().getSchema(contract.type()), writer);
            assertEquals(avroJson(sent.get(i)), avroJson((SpecificRecord) plainAvro(payload, writer, contract.type())));
            assertEquals(id, registry.get("/subjects/" + topic.name() + "-value/versions/latest").id());
        }
    }

    private static List<SpecificRecord> samples(Class<? extends SpecificRecord> type) {
        List<SpecificRecord> samples = new ArrayList<>(List.of(
                ContractSamples.sample(type, true), ContractSamples.sample(type, false)));
        if (type == OutboxEvent.class) {
            samples.add(new OutboxEvent(Signals.signal("FR").build()));
        }
        return samples;
    }

    private <V> void produce(Topic<String, V> topic, List<V> values) {
        Map<String, Object> props = kafka.producerProps();
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, topic.keySerializer(), topic.valueSerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic.name(), "key-" + i, values.get(i)));
            }
            producer.flush();
        }
    }

    private List<byte[]> consume(String topic, int count) {
        List<byte[]> payloads = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("serde-it-" + topic),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    payloads.add(record.value());
                }
                return payloads.size() >= count;
            });
        }
        return payloads;
    }

    /**
     * The record as Avro JSON. Compared instead of equals(): generated equals() on an array of
     * records with a nullable timestamp throws in Avro 1.12 (GenericData.compare ignores logical types).
     */
    private static String avroJson(SpecificRecord record) throws IOException {
        SpecificData model = SpecificData.getForClass(record.getClass());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema(), model).write(record, encoder);
        encoder.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Object plainAvro(byte[] payload, Schema writer, Class<?> type) throws IOException {
        byte[] body = Arrays.copyOfRange(payload, WireFormat.HEADER_SIZE, payload.length);
        SpecificDatumReader<Object> reader = new SpecificDatumReader<>(writer, SpecificData.get().getSchema(type));
        return reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
    }
}
