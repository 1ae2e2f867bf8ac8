package io.aegis.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.fixtures.ContractSamples;
import io.aegis.kafka.fixtures.FakeConfluentRegistry;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.kafka.serde.ConfluentAvroSerde;
import io.aegis.kafka.serde.SerdeConfig;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HttpSchemaRegistryClientTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofSeconds(2));

    private final FakeConfluentRegistry fake = new FakeConfluentRegistry();

    HttpSchemaRegistryClientTest() throws IOException {
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    static Stream<ContractSamples.Sample> samples() {
        return ContractSamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @SuppressWarnings("unchecked")
    void shouldRoundTripEveryContractRecordThroughAConfluentApiEndpoint(ContractSamples.Sample sample) {
        // given serdes whose registry is reached only over the Confluent REST API
        Topics topics = new Topics(new SerdeFactory(new HttpSchemaRegistryClient(fake.url(), FAST)));
        Topic<String, SpecificRecord> topic = (Topic<String, SpecificRecord>) sample.topic().apply(topics);

        // when the record is serialized, then read by a separate client (cold cache)
        byte[] bytes = topic.valueSerializer().serialize(topic.name(), sample.record());
        Topics reader = new Topics(new SerdeFactory(new HttpSchemaRegistryClient(fake.url(), FAST)));
        Topic<String, SpecificRecord> readTopic = (Topic<String, SpecificRecord>) sample.topic().apply(reader);
        SpecificRecord back = readTopic.valueDeserializer().deserialize(topic.name(), bytes);

        // then it is the same record, registered under the topic's value subject
        assertEquals(sample.record(), back);
        assertTrue(fake.requests().contains("POST /subjects/" + topic.name() + "-value/versions"), fake.requests().toString());
        assertTrue(fake.requests().contains("GET /schemas/ids/1"), fake.requests().toString());
        assertTrue(fake.contentTypes().stream().allMatch(HttpSchemaRegistryClient.CONTENT_TYPE::equals));
    }

    @Test
    void shouldCacheIdsAndSchemasSoRepeatedUseMakesNoRequests() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fake.url(), FAST);

        int first = client.register("aegis.receipts-value", Receipt.getClassSchema());
        int again = client.register("aegis.receipts-value", Receipt.getClassSchema());
        client.getSchemaById(first);
        client.getId("aegis.receipts-value", Receipt.getClassSchema());

        assertEquals(first, again);
        assertEquals(1, fake.requests().size(), fake.requests().toString());
    }

    @Test
    void shouldLookUpARegisteredSchemaWithoutRegisteringIt() {
        new HttpSchemaRegistryClient(fake.url(), FAST).register("aegis.receipts-value", Receipt.getClassSchema());
        HttpSchemaRegistryClient other = new HttpSchemaRegistryClient(fake.url() + "/", FAST);

        int id = other.getId("aegis.receipts-value", Receipt.getClassSchema());

        assertEquals(1, id);
        assertEquals("POST /subjects/aegis.receipts-value", fake.requests().get(1));
    }

    @Test
    void shouldReportNotFoundWithTheConfluentErrorCodeAndNotRetry() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fake.url(), FAST);

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.getId("aegis.cases-value", Receipt.getClassSchema()));

        assertTrue(e.isNotFound());
        assertEquals(40401, e.errorCode());
        assertTrue(e.getMessage().contains(fake.url()), e.getMessage());
        assertTrue(e.getMessage().contains("Subject 'aegis.cases-value' not found."), e.getMessage());
        assertEquals(1, fake.requests().size(), "4xx answers are final");
    }

    @Test
    void shouldRetryServerErrorsWithinTheBound() {
        // a registry restarting answers 503 for a moment; the client rides it out
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fake.url(), FAST);
        fake.failNext(2);

        int id = client.register("aegis.receipts-value", Receipt.getClassSchema());

        assertEquals(1, id);
        assertEquals(3, fake.requests().size());
    }

    @Test
    void shouldGiveUpOnServerErrorsAfterMaxAttemptsNamingTheOperation() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fake.url(), FAST);
        fake.failNext(10);

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register("aegis.receipts-value", Receipt.getClassSchema()));

        assertEquals(3, fake.requests().size());
        assertEquals(503, e.httpStatus());
        assertTrue(e.getMessage().contains("register schema io.aegis.schema.signal.Receipt under subject "
                + "'aegis.receipts-value' after 3 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("store not ready"), e.getMessage());
    }

    @Test
    void shouldFailClearlyAndBoundedWhenTheRegistryIsDown() throws IOException {
        // given a URL where nothing listens
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url, FAST);

        // when a schema is fetched
        long start = System.nanoTime();
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.getSchemaById(7));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then the error names the URL, the operation and the attempts, and came quickly
        assertTrue(e.getMessage().startsWith("schema registry " + url + ": get schema by id 7 after 3 attempts failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("cannot reach the registry"), e.getMessage());
        assertFalse(e.isNotFound());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
    }

    @Test
    void shouldSendBasicCredentialsWhenConfiguredLikeConfluent() {
        // a serde configured only by properties, against a registry that needs credentials
        ConfluentAvroSerde<Receipt> serde = new ConfluentAvroSerde<>();
        serde.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, fake.url(),
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                SerdeConfig.BASIC_AUTH_USER_INFO, "node-fr:secret"), false);

        serde.serializer().serialize("aegis.receipts",
                new Receipt("s-1", "FR", ReceiptKind.DELIVERED, ContractSamples.AT, null));

        // the serializer looks the schema up (not found) and then registers it: both calls carry the credentials
        String expected = "Basic " + Base64.getEncoder().encodeToString("node-fr:secret".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(expected, expected), fake.authorizations());
    }

    @Test
    void shouldSendTheConfiguredCredentialsOnEveryRequest() {
        // what every service builds from aegis.registry.url, .username and .password
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.create(fake.url(), "node-fr", "s3cret:with-colon");

        int id = client.register("aegis.receipts-value", Receipt.getClassSchema());
        new HttpSchemaRegistryClient(fake.url(), FAST).getSchemaById(id);

        String expected = "Basic " + Base64.getEncoder().encodeToString("node-fr:s3cret:with-colon".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(expected, ""), fake.authorizations());
    }

    @Test
    void shouldSayTheCredentialsWereRefusedAndNotRetry() {
        // the registry answers as Confluent's basic authentication does
        fake.refuseAll(401, 401, "Unauthorized");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(fake.url(), FAST, "node-fr:Tr0ub4dor-guess");

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.getSchemaById(1));

        assertTrue(e.isUnauthorized());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("refused the credentials of user 'node-fr'"), e.getMessage());
        assertTrue(e.getMessage().contains("(HTTP 401, error_code 401)"), e.getMessage());
        assertFalse(e.getMessage().contains("Tr0ub4dor"), "the password is never in a message: " + e.getMessage());
        assertEquals(1, fake.requests().size(), "a refusal is final");
    }

    @Test
    void shouldSayNoCredentialsWereSentWhenTheRegistryNeedsThem() {
        fake.refuseAll(401, 401, "Unauthorized");
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.create(fake.url(), null, "");

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register("aegis.receipts-value", Receipt.getClassSchema()));

        assertTrue(e.getMessage().contains("requires credentials and none were sent"), e.getMessage());
        assertEquals(List.of(""), fake.authorizations());
    }

    @Test
    void shouldSayTheWriteWasForbiddenNamingTheUserAndTheRegistrysReason() {
        // the registry answers as Confluent's authorizer does
        fake.refuseAll(403, 40301, "User is denied operation Write on Subject: aegis.receipts-value");
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.create(fake.url(), "node-fr", "secret");

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register("aegis.receipts-value", Receipt.getClassSchema()));

        assertTrue(e.isForbidden());
        assertEquals(SchemaRegistryException.FORBIDDEN, e.errorCode());
        assertTrue(e.getMessage().contains("register schema io.aegis.schema.signal.Receipt under subject 'aegis.receipts-value'"
                + " failed (HTTP 403, error_code 40301): the registry forbade this to user 'node-fr'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("User is denied operation Write on Subject: aegis.receipts-value"), e.getMessage());
        assertEquals(1, fake.requests().size(), "a refusal is final");
    }

    @Test
    void shouldRefuseAUserWithoutAPasswordNamingTheKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpSchemaRegistryClient.create(fake.url(), "node-fr", " "));

        assertEquals("aegis.registry.username is set but aegis.registry.password is not: set both, or neither for a"
                + " registry without authentication", e.getMessage());
        assertTrue(RegistryCredentials.of(null, null).isEmpty());
        assertFalse(new RegistryCredentials("node-fr", "secret").toString().contains("secret"));
    }

    @Test
    void shouldRefuseAUrlThatIsNotHttp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpSchemaRegistryClient("localhost:8081"));

        assertTrue(e.getMessage().contains("must be http or https"), e.getMessage());
    }

    @Test
    void shouldGrowBackoffExponentiallyUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1));

        assertEquals(Duration.ofMillis(100), policy.backoffAfter(1));
        assertEquals(Duration.ofMillis(200), policy.backoffAfter(2));
        assertEquals(Duration.ofMillis(300), policy.backoffAfter(3));
        assertEquals(Duration.ofMillis(300), policy.backoffAfter(4));
    }
}
