package io.aegis.registry.api;

import static io.aegis.registry.support.RegistryInstance.schemaBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryException;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.SchemaProvisioning;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.registry.security.UserDirectory;
import io.aegis.registry.support.ContractSamples;
import io.aegis.registry.support.RegistryInstance;
import io.aegis.registry.support.RegistryInstance.Client;
import io.aegis.registry.support.RegistryInstance.Response;
import io.aegis.registry.support.Schemas;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every call to the registry is authenticated (HTTP Basic, users from configuration), and only
 * admins, or users granted a subject prefix, change anything: over real HTTP, against the real
 * application on a real broker, with the test users of {@link RegistryInstance}.
 */
@Tag("integration")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryAuthIT {

    private static final String TOPIC = "_schemas-auth";
    private static final AtomicInteger SUBJECTS = new AtomicInteger();

    private KafkaCluster kafka;
    private RegistryInstance registry;
    private Client reader;
    private Client importer;

    @BeforeAll
    void start(KafkaCluster cluster) {
        kafka = cluster;
        registry = RegistryInstance.start(cluster.bootstrapServers(), TOPIC);
        reader = registry.as(RegistryInstance.READER, RegistryInstance.READER_PASSWORD);
        importer = registry.as(RegistryInstance.IMPORTER, RegistryInstance.IMPORTER_PASSWORD);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void shouldAnswer401WithABasicChallengeToEveryCallWithoutCredentials() {
        // reads too: the schemas name the network's record types, and the registry is no public service
        String subject = registered();
        List<Response> answers = List.of(
                registry.anonymous().get("/subjects"),
                registry.anonymous().get("/schemas/types"),
                registry.anonymous().get("/subjects/" + subject + "/versions/latest"),
                registry.anonymous().post("/subjects/" + subject + "/versions", schemaBody(Schemas.V1)),
                registry.anonymous().put("/config", "{\"compatibility\":\"NONE\"}"),
                registry.anonymous().delete("/subjects/" + subject),
                registry.anonymous().get("/nothing/here"));

        for (Response answer : answers) {
            assertUnauthorized(answer);
        }
        assertEquals("BACKWARD", registry.get("/config").json().path("compatibilityLevel").asText());
        assertEquals("[1]", registry.get("/subjects/" + subject + "/versions").body());
    }

    @Test
    void shouldAnswer401ToAWrongPasswordOrAnUnknownUser() {
        assertUnauthorized(registry.as(RegistryInstance.ADMIN, RegistryInstance.READER_PASSWORD).get("/subjects"));
        assertUnauthorized(registry.as(RegistryInstance.ADMIN, "").put("/config", "{\"compatibility\":\"NONE\"}"));
        assertUnauthorized(registry.as("intruder", RegistryInstance.ADMIN_PASSWORD).get("/subjects"));
    }

    @Test
    void shouldForbidEveryWriteToAUserWithoutRightsNamingTheRule() {
        // given a subject with a version, registered by the admin
        String subject = registered();

        // when a user without write rights tries every kind of write
        Map<String, Response> answers = Map.of(
                "PUT /config", reader.put("/config", "{\"compatibility\":\"NONE\"}"),
                "PUT /config/" + subject, reader.put("/config/" + subject, "{\"compatibility\":\"NONE\"}"),
                "DELETE /config/" + subject, reader.delete("/config/" + subject),
                "POST /subjects/" + subject + "/versions", reader.post("/subjects/" + subject + "/versions",
                        schemaBody(Schemas.ADDED_WITH_DEFAULT)),
                "DELETE /subjects/" + subject, reader.delete("/subjects/" + subject));

        // then each is a 403 in Confluent's shape naming the user, the call and the rule, and nothing changed
        answers.forEach((call, answer) -> {
            assertEquals(403, answer.status(), call + ": " + answer.body());
            assertTrue(answer.contentType().startsWith(RegistryInstance.V1_JSON), call + ": " + answer.contentType());
            assertEquals(40301, answer.errorCode(), call);
            String message = answer.json().path("message").asText();
            assertTrue(message.startsWith("User 'reader' is denied operation "), call + ": " + message);
            assertTrue(message.contains(call.startsWith("POST") ? "needs an admin user or a write-subjects prefix"
                    : "need an admin user"), call + ": " + message);
        });
        assertEquals("BACKWARD", registry.get("/config").json().path("compatibilityLevel").asText());
        assertEquals(40408, registry.get("/config/" + subject).errorCode(), "no subject level was set");
        assertEquals("[1]", registry.get("/subjects/" + subject + "/versions").body());
    }

    @Test
    void shouldLetAUserRegisterUnderItsGrantedPrefixOnly() {
        // the operator's archive import writes copies under sandbox.; the live subjects stay out of its reach
        String sandboxed = RegistryInstance.IMPORTER_PREFIX + subject();
        String live = subject();

        Response granted = importer.post("/subjects/" + sandboxed + "/versions", schemaBody(Schemas.V1));
        Response refused = importer.post("/subjects/" + live + "/versions", schemaBody(Schemas.V1));

        assertEquals(200, granted.status(), granted.body());
        assertEquals("[1]", importer.get("/subjects/" + sandboxed + "/versions").body());
        assertEquals(403, refused.status(), refused.body());
        assertEquals("User 'importer' is denied operation Write on Subject: " + live + " (POST /subjects/" + live
                + "/versions): registering a version needs an admin user or a write-subjects prefix of the subject;"
                + " this user's prefixes: [sandbox.]", refused.json().path("message").asText());
        assertEquals(403, importer.delete("/subjects/" + sandboxed).status(), "a grant covers registering only");
        assertEquals(40401, registry.get("/subjects/" + live + "/versions").errorCode());
    }

    @Test
    void shouldLetAnAdminChangeLevelsAndDelete() {
        String subject = registered();

        Response level = registry.put("/config/" + subject, "{\"compatibility\":\"FULL\"}");
        Response deleted = registry.delete("/subjects/" + subject);

        assertEquals(200, level.status(), level.body());
        assertEquals("FULL", registry.get("/config/" + subject).json().path("compatibilityLevel").asText());
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("[1]", deleted.body());
    }

    @Test
    void shouldLetAUserWithoutRightsReadLookUpAndTestCompatibility() {
        String subject = registered();
        int id = registry.get("/subjects/" + subject + "/versions/1").id();

        assertEquals(200, reader.get("/subjects").status());
        assertEquals(200, reader.get("/subjects/" + subject + "/versions/latest").status());
        assertEquals(200, reader.get("/schemas/ids/" + id).status());
        assertEquals(200, reader.get("/config").status());
        Response lookup = reader.post("/subjects/" + subject, schemaBody(Schemas.V1));
        assertEquals(200, lookup.status(), lookup.body());
        assertEquals(id, lookup.id());
        Response compatible = reader.post("/compatibility/subjects/" + subject + "/versions/latest",
                schemaBody(Schemas.ADDED_WITH_DEFAULT));
        assertEquals(200, compatible.status(), compatible.body());
        assertTrue(compatible.json().path("is_compatible").asBoolean());
        assertEquals(404, reader.get("/nothing/here").status(), "an unknown path is still a 404 to a user");
    }

    @Test
    void shouldServeTheSerdeEndToEndWithCredentials() {
        // given every schema registered up front by an admin, as a deployment does
        HttpSchemaRegistryClient admin = HttpSchemaRegistryClient.create(registry.url(), RegistryInstance.ADMIN,
                RegistryInstance.ADMIN_PASSWORD);
        List<String> members = List.of("FR", "DE");
        List<SchemaProvisioning.Registration> first = SchemaProvisioning.registerAll(admin,
                new Topics(new SerdeFactory(admin)), members);
        List<SchemaProvisioning.Registration> again = SchemaProvisioning.registerAll(admin,
                new Topics(new SerdeFactory(admin)), members);
        assertEquals(first.stream().map(SchemaProvisioning.Registration::id).toList(),
                again.stream().map(SchemaProvisioning.Registration::id).toList());

        // when a service with read-only credentials writes and reads with a serde that never registers
        HttpSchemaRegistryClient service = HttpSchemaRegistryClient.create(registry.url(), RegistryInstance.READER,
                RegistryInstance.READER_PASSWORD);
        Topic<String, OutboxEvent> outbox = new Topics(new SerdeFactory(service, false)).outbox("FR");
        OutboxEvent event = ContractSamples.sample(OutboxEvent.class, true);
        byte[] bytes = outbox.valueSerializer().serialize(outbox.name(), event);
        Topic<String, OutboxEvent> coldReader = new Topics(new SerdeFactory(HttpSchemaRegistryClient.create(
                registry.url(), RegistryInstance.READER, RegistryInstance.READER_PASSWORD), false)).outbox("FR");

        // then the record round-trips, and the same user registering is refused as a forbidden write
        assertEquals(event.toString(), coldReader.valueDeserializer().deserialize(outbox.name(), bytes).toString());
        Topic<String, OutboxEvent> registering = new Topics(new SerdeFactory(service, true)).outbox("KE");
        SchemaRegistryException forbidden = assertThrows(SchemaRegistryException.class,
                () -> registering.valueSerializer().serialize(registering.name(), event));
        assertTrue(forbidden.isForbidden(), forbidden.getMessage());
        assertTrue(forbidden.getMessage().contains("the registry forbade this to user 'reader'"), forbidden.getMessage());
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> HttpSchemaRegistryClient
                .create(registry.url(), RegistryInstance.READER, "not-the-password").getSchemaById(1));
        assertTrue(refused.getMessage().contains("refused the credentials of user 'reader'"), refused.getMessage());
    }

    @Test
    void shouldAcceptExactlyTheRequestsConfluentClientsSend() throws IOException, InterruptedException {
        // the headers of Confluent's RestService with basic.auth.credentials.source=USER_INFO
        String subject = RegistryInstance.IMPORTER_PREFIX + subject();
        String credentials = Base64.getEncoder().encodeToString((RegistryInstance.IMPORTER + ":"
                + RegistryInstance.IMPORTER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                .header("Accept", "application/vnd.schemaregistry.v1+json")
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(schemaBody(Schemas.V1)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().matches("\\{\"id\":\\d+}"), response.body());
    }

    @Test
    void shouldShowAnonymousHealthChecksOnlyTheStatus() {
        Response anonymous = registry.anonymous().get("/health");
        Response authenticated = reader.get("/health");

        assertEquals(200, anonymous.status(), anonymous.body());
        assertEquals(List.of("status"), fieldNames(anonymous.json()), anonymous.body());
        assertEquals("UP", anonymous.json().path("status").asText());
        assertEquals("UP", authenticated.json().path("details").path("schemaStore").path("status").asText(),
                authenticated.body());
    }

    @Test
    void shouldRefuseToStartWithoutUsersNamingTheKey() {
        Map<String, Object> properties = baseProperties();

        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(EmbeddedServer.class, properties).close());

        assertTrue(messages(e).contains("aegis.registry.auth.users: no user is configured"), messages(e));
    }

    @Test
    void shouldRefuseToStartWithAMalformedUserNamingTheKey() {
        Map<String, Object> properties = baseProperties();
        properties.putAll(RegistryInstance.users());
        properties.put(UserDirectory.USERS_KEY + ".ops.admin", true);

        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(EmbeddedServer.class, properties).close());

        assertTrue(messages(e).contains("aegis.registry.auth.users.ops.password-sha256 must be 64 hex characters"),
                messages(e));
    }

    private Map<String, Object> baseProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("aegis.registry.topic", TOPIC);
        properties.put("micronaut.server.port", -1);
        return properties;
    }

    /** A new subject holding Schemas.V1 as version 1, registered by the admin. */
    private String registered() {
        String subject = subject();
        Response response = registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.V1));
        assertEquals(200, response.status(), response.body());
        return subject;
    }

    private static String subject() {
        return "auth-" + SUBJECTS.incrementAndGet() + "-value";
    }

    private static void assertUnauthorized(Response answer) {
        assertEquals(401, answer.status(), answer.body());
        assertEquals("Basic realm=\"aegis-registry\"", answer.challenge());
        assertTrue(answer.contentType().startsWith(RegistryInstance.V1_JSON), answer.contentType());
        assertEquals(401, answer.errorCode(), answer.body());
        assertTrue(answer.json().path("message").asText().startsWith("Unauthorized"), answer.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append('\n');
        }
        return text.toString();
    }
}
