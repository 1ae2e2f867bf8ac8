package io.aegis.kafka.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.fixtures.ContractSamples;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryException;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfluentAvroSerdeTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Topics topics = new Topics(new SerdeFactory(registry));

    static Stream<ContractSamples.Sample> samples() {
        return ContractSamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @SuppressWarnings("unchecked")
    void shouldRoundTripEveryContractRecordThroughItsCatalogueTopic(ContractSamples.Sample sample) {
        // given the catalogue topic that carries the record
        Topic<String, SpecificRecord> topic = (Topic<String, SpecificRecord>) sample.topic().apply(topics);

        // when it is serialized and deserialized with the topic's serdes
        byte[] bytes = topic.valueSerializer().serialize(topic.name(), sample.record());
        SpecificRecord back = topic.valueDeserializer().deserialize(topic.name(), bytes);

        // then it is equal, and its schema sits under the topic's value subject
        assertEquals(sample.record(), back);
        assertEquals(0, bytes[0]);
        assertTrue(registry.subjects().contains(topic.name() + "-value"), registry.subjects().toString());
    }

    @Test
    void shouldLookUpARegisteredSchemaWithoutWritingAndRegisterOnlyWhatIsMissing() {
        // given a registry holding the receipts contract, for a client that would be refused every write
        InMemorySchemaRegistryClient guarded = new InMemorySchemaRegistryClient();
        guarded.register("aegis.receipts-value", Receipt.getClassSchema());
        io.aegis.kafka.registry.SchemaRegistryClient readOnly = new io.aegis.kafka.registry.SchemaRegistryClient() {
            @Override
            public int getId(String subject, Schema schema) {
                return guarded.getId(subject, schema);
            }

            @Override
            public Schema getSchemaById(int id) {
                return guarded.getSchemaById(id);
            }

            @Override
            public int register(String subject, Schema schema) {
                throw new SchemaRegistryException("guarded", "register under " + subject, 403, 40301, "write forbidden",
                        null);
            }
        };
        Receipt receipt = new Receipt("s-1", "FR", ReceiptKind.DELIVERED, ContractSamples.AT, null);

        // when a serializer with auto-registration on serializes it: the lookup answers, no write is tried
        byte[] bytes = new ConfluentAvroSerializer<Receipt>(readOnly, true).serialize("aegis.receipts", receipt);

        // then
        assertEquals(guarded.getId("aegis.receipts-value", Receipt.getClassSchema()), WireFormat.schemaId(bytes, "aegis.receipts"));
        // and a subject it does not hold is registered, which this client may not do: the refusal surfaces
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> new ConfluentAvroSerializer<Receipt>(readOnly, true).serialize("aegis-node-FR-x-changelog", receipt));
        assertEquals(403, refused.httpStatus());
    }

    @Test
    void shouldPassTombstonesThrough() {
        Topic<String, ?> cases = topics.cases();

        assertNull(cases.valueSerializer().serialize(cases.name(), null));
        assertNull(cases.valueDeserializer().deserialize(cases.name(), null));
    }

    @Test
    void shouldResolveAnOlderWriterSchemaIntoTheCurrentClass() {
        // given a receipt written by an older client whose schema had no nodeId field
        Schema older = SchemaBuilder.record("Receipt").namespace("io.aegis.schema.signal").fields()
                .requiredString("signalId").requiredString("country")
                .name("kind").type(Receipt.getClassSchema().getField("kind").schema()).noDefault()
                .name("at").type(Receipt.getClassSchema().getField("at").schema()).noDefault()
                .endRecord();
        GenericRecord old = new GenericData.Record(older);
        old.put("signalId", "s-1");
        old.put("country", "FR");
        old.put("kind", new GenericData.EnumSymbol(older.getField("kind").schema(), "DELIVERED"));
        old.put("at", ContractSamples.AT.toEpochMilli());
        byte[] bytes = new ConfluentAvroSerializer<GenericRecord>(registry, true).serialize("aegis.receipts", old);

        // when today's deserializer reads it
        Receipt receipt = topics.receipts().valueDeserializer().deserialize("aegis.receipts", bytes);

        // then the missing field takes its default
        assertEquals(new Receipt("s-1", "FR", ReceiptKind.DELIVERED, ContractSamples.AT, null), receipt);
    }

    @Test
    void shouldReturnGenericRecordsWhenConfiguredLikeConfluentWithoutSpecificReader() {
        // given a serde configured only by properties, as Kafka would configure it by class name
        byte[] bytes = topics.receipts().valueSerializer().serialize("aegis.receipts",
                new Receipt("s-1", "FR", ReceiptKind.DELIVERED, ContractSamples.AT, null));
        ConfluentAvroDeserializer<Object> generic = new ConfluentAvroDeserializer<>(registry, null);
        ConfluentAvroDeserializer<Object> specific = new ConfluentAvroDeserializer<>(registry, null);
        specific.configure(Map.of(SerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

        // when each reads the same bytes
        Object asGeneric = generic.deserialize("aegis.receipts", bytes);
        Object asSpecific = specific.deserialize("aegis.receipts", bytes);

        // then the first gives a GenericRecord and the second the generated class
        assertInstanceOf(GenericRecord.class, asGeneric);
        assertEquals("s-1", ((GenericRecord) asGeneric).get("signalId").toString());
        assertInstanceOf(Receipt.class, asSpecific);
    }

    @Test
    void shouldOnlyLookUpSchemasWhenAutoRegistrationIsOff() {
        // production clients may not register; an unregistered schema must fail clearly
        ConfluentAvroSerializer<Receipt> serializer = new ConfluentAvroSerializer<>(registry, true);
        serializer.configure(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);
        Receipt receipt = new Receipt("s-1", "FR", ReceiptKind.DELIVERED, ContractSamples.AT, null);

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> serializer.serialize("aegis.receipts", receipt));
        assertTrue(e.isNotFound());
        assertTrue(e.getMessage().contains("aegis.receipts-value"), e.getMessage());

        // once registered, the same serializer finds it
        registry.register("aegis.receipts-value", Receipt.getClassSchema());
        assertEquals(0, serializer.serialize("aegis.receipts", receipt)[0]);
    }

    @Test
    void shouldNameTheTopicAndSchemaIdWhenTheRegistryDoesNotKnowTheId() {
        byte[] unknownId = WireFormat.frame(999, new byte[] {0});

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> topics.receipts().valueDeserializer().deserialize("aegis.receipts", unknownId));

        assertTrue(e.getMessage().contains("get schema by id 999"), e.getMessage());
    }

    @Test
    void shouldRequireARegistryUrlWhenConfiguredByProperties() {
        ConfluentAvroSerde<Receipt> serde = new ConfluentAvroSerde<>();

        Exception e = assertThrows(org.apache.kafka.common.config.ConfigException.class,
                () -> serde.configure(Map.of(), false));

        assertTrue(e.getMessage().contains(SerdeConfig.SCHEMA_REGISTRY_URL), e.getMessage());
    }

    @Test
    void shouldUseTheKeySubjectForKeySerdes() {
        SerdeFactory factory = new SerdeFactory(registry);

        factory.key(Receipt.class).serializer().serialize("aegis.receipts",
                new Receipt("s-1", "FR", ReceiptKind.DELIVERED, ContractSamples.AT, null));

        assertEquals(List.of("aegis.receipts-key"), registry.subjects());
    }
}
