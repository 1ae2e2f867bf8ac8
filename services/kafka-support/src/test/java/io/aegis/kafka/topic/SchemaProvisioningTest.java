package io.aegis.kafka.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.fixtures.ContractSamples;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryException;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.serde.WireFormat;
import io.aegis.kafka.topic.SchemaProvisioning.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaProvisioningTest {

    private static final List<String> MEMBERS = List.of("FR", "DE", "JP", "BR", "KE");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Topics catalogue = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient()));

    static Stream<ContractSamples.Sample> samples() {
        return ContractSamples.all().stream();
    }

    @Test
    void shouldRegisterTheValueSubjectOfEveryTopicOfEveryMemberAndEverySharedTopic() {
        // when
        List<Registration> registered = SchemaProvisioning.registerAll(registry, catalogue, MEMBERS);

        // then every Avro-valued topic of the catalogue has its value subject, and nothing else was registered
        List<String> expected = new ArrayList<>();
        MEMBERS.forEach(country -> TopicNames.perCountry(country).forEach(topic -> expected.add(topic + "-value")));
        TopicNames.SHARED_TOPICS.stream().filter(topic -> !topic.equals(TopicNames.DLQ))
                .forEach(topic -> expected.add(topic + "-value"));
        assertEquals(expected, registered.stream().map(Registration::subject).toList());
        assertEquals(expected.stream().sorted().toList(), registry.subjects());
        assertTrue(registered.stream().allMatch(Registration::created));
        assertEquals("aegis.outbox.FR-value -> io.aegis.schema.signal.OutboxEvent id 1 (registered)",
                registered.get(0).toString());
    }

    @Test
    void shouldChangeNothingWhenRunAgain() {
        List<Registration> first = SchemaProvisioning.registerAll(registry, catalogue, MEMBERS);

        List<Registration> again = SchemaProvisioning.registerAll(registry, catalogue, MEMBERS);

        assertEquals(first.stream().map(r -> r.subject() + "=" + r.id()).toList(),
                again.stream().map(r -> r.subject() + "=" + r.id()).toList());
        assertTrue(again.stream().noneMatch(Registration::created), again.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @SuppressWarnings("unchecked")
    void shouldLetASerdeThatNeverRegistersWriteEveryTopicOnceProvisioned(ContractSamples.Sample sample) {
        // given serdes that only look schemas up, as production services with read-only registry users
        Topics lookingUp = new Topics(new SerdeFactory(registry, false));
        Topic<String, SpecificRecord> topic = (Topic<String, SpecificRecord>) sample.topic().apply(lookingUp);
        SchemaRegistryException before = assertThrows(SchemaRegistryException.class,
                () -> topic.valueSerializer().serialize(topic.name(), sample.record()));
        assertTrue(before.isNotFound(), "without provisioning the lookup fails: " + before.getMessage());

        // when the schemas are registered up front
        SchemaProvisioning.registerAll(registry, catalogue, MEMBERS);

        // then the same serde writes the record, with the id provisioned for its topic
        byte[] bytes = topic.valueSerializer().serialize(topic.name(), sample.record());
        assertEquals(sample.record(), topic.valueDeserializer().deserialize(topic.name(), bytes));
        assertEquals(registry.getId(topic.name() + "-value", sample.record().getSchema()),
                WireFormat.schemaId(bytes, topic.name()));
    }

    @Test
    void shouldStopAtAWriteTheRegistryForbids() {
        // a user that may read but not write, as a non-admin of the Aegis registry
        SchemaRegistryException forbidden = new SchemaRegistryException("http://registry", "register", 403,
                SchemaRegistryException.FORBIDDEN, "User 'node-fr' is denied operation Write on Subject", null);
        SchemaRegistryClient readOnly = new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                throw forbidden;
            }

            @Override
            public Schema getSchemaById(int id) {
                return registry.getSchemaById(id);
            }

            @Override
            public int getId(String subject, Schema schema) {
                return registry.getId(subject, schema);
            }
        };

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> SchemaProvisioning.registerAll(readOnly, catalogue, MEMBERS));

        assertSame(forbidden, e);
        assertTrue(registry.subjects().isEmpty());
    }

    @Test
    void shouldNeedNoWriteWhenEverythingIsAlreadyRegistered() {
        SchemaProvisioning.registerAll(registry, catalogue, MEMBERS);
        SchemaRegistryClient lookupOnly = new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                throw new AssertionError("registered " + subject + " although it was there");
            }

            @Override
            public Schema getSchemaById(int id) {
                return registry.getSchemaById(id);
            }

            @Override
            public int getId(String subject, Schema schema) {
                return registry.getId(subject, schema);
            }
        };

        List<Registration> again = SchemaProvisioning.registerAll(lookupOnly, catalogue, MEMBERS);

        assertFalse(again.isEmpty());
    }

    @Test
    void shouldRefuseAMalformedCountryBeforeTouchingTheRegistry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchemaProvisioning.registerAll(registry, catalogue, List.of("FR", "france")));

        assertTrue(e.getMessage().contains("'france'"), e.getMessage());
        assertTrue(registry.subjects().isEmpty());
    }
}
