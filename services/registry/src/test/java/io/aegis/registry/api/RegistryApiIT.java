package io.aegis.registry.api;

import static io.aegis.registry.support.RegistryInstance.schemaBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.support.RegistryInstance;
import io.aegis.registry.support.RegistryInstance.Response;
import io.aegis.registry.support.Schemas;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The Confluent REST API of one registry on a real broker: every endpoint, content types, health. */
@Tag("integration")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryApiIT {

    private static final AtomicInteger SUBJECTS = new AtomicInteger();
    private RegistryInstance registry;

    private KafkaCluster kafka;

    @BeforeAll
    void start(KafkaCluster cluster) {
        kafka = cluster;
        registry = RegistryInstance.start(cluster.bootstrapServers(), null);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void shouldRegisterASchemaAndServeItFromEveryReadEndpoint() {
        // given
        String subject = subject();

        // when
        Response registered = registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.V1));

        // then
        assertEquals(200, registered.status(), registered.body());
        assertTrue(registered.contentType().startsWith(RegistryInstance.V1_JSON), registered.contentType());
        int id = registered.id();
        String canonical = canonical(Schemas.V1);
        assertEquals(canonical, registry.get("/schemas/ids/" + id).json().path("schema").asText());
        assertEquals(canonical, registry.get("/schemas/ids/" + id + "/schema").body());
        assertTrue(registry.get("/subjects").body().contains("\"" + subject + "\""));
        assertEquals("[1]", registry.get("/subjects/" + subject + "/versions").body());
        for (String version : List.of("1", "latest", "-1")) {
            Response read = registry.get("/subjects/" + subject + "/versions/" + version);
            assertEquals(subject, read.json().path("subject").asText());
            assertEquals(1, read.json().path("version").asInt());
            assertEquals(id, read.id());
            assertEquals(canonical, read.json().path("schema").asText());
        }
        assertEquals(canonical, registry.get("/subjects/" + subject + "/versions/latest/schema").body());
        Response lookup = registry.post("/subjects/" + subject, schemaBody(Schemas.V1));
        assertEquals(id, lookup.id());
        assertEquals(1, lookup.json().path("version").asInt());
        assertEquals("[\"AVRO\"]", registry.get("/schemas/types").body());
    }

    @Test
    void shouldReturnTheSameIdForTheSameSchemaUnderAnySubject() {
        String first = subject();
        int id = registry.post("/subjects/" + first + "/versions", schemaBody(Schemas.OTHER)).id();

        int again = registry.post("/subjects/" + first + "/versions", schemaBody(Schemas.OTHER)).id();
        int elsewhere = registry.post("/subjects/" + subject() + "/versions", schemaBody(Schemas.OTHER)).id();

        assertEquals(id, again);
        assertEquals(id, elsewhere);
        assertEquals("[1]", registry.get("/subjects/" + first + "/versions").body());
    }

    @Test
    void shouldAcceptTheRequestContentTypesConfluentAccepts() {
        for (String type : List.of(RegistryInstance.V1_JSON, "application/vnd.schemaregistry+json",
                "application/json", "application/octet-stream")) {
            Response response = registry.post("/subjects/" + subject() + "/versions", type, schemaBody(Schemas.V1));
            assertEquals(200, response.status(), type + ": " + response.body());
        }
        Response refused = registry.post("/subjects/" + subject() + "/versions", "text/plain", schemaBody(Schemas.V1));
        assertEquals(415, refused.status());
        assertEquals(415, refused.errorCode());
    }

    @Test
    void shouldIgnoreFieldsThatNewerConfluentClientsSend() {
        // newer Confluent serializers add metadata, rule sets and normalisation flags to every registration
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("schema", Schemas.V1);
        request.put("schemaType", "AVRO");
        request.put("references", List.of());
        request.put("metadata", null);
        request.put("ruleSet", null);
        request.put("version", 0);
        request.put("id", -1);
        String body = RegistryInstance.json(request);

        Response response = registry.post("/subjects/" + subject() + "/versions?normalize=false", body);

        assertEquals(200, response.status(), response.body());
        assertTrue(response.id() > 0);
    }

    @Test
    void shouldSoftDeleteASubjectAndKeepItsSchemasReadableById() {
        // given a subject with two versions
        String subject = subject();
        int id = registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.V1)).id();
        registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.ADDED_WITH_DEFAULT));

        // when
        Response deleted = registry.delete("/subjects/" + subject);

        // then
        assertEquals("[1,2]", deleted.body());
        assertFalse(registry.get("/subjects").body().contains("\"" + subject + "\""));
        assertTrue(registry.get("/subjects?deleted=true").body().contains("\"" + subject + "\""));
        assertEquals(40401, registry.get("/subjects/" + subject + "/versions").errorCode());
        assertEquals("[1,2]", registry.get("/subjects/" + subject + "/versions?deleted=true").body());
        assertEquals(40404, registry.delete("/subjects/" + subject).errorCode());
        assertEquals(422, registry.delete("/subjects/" + subject + "?permanent=true").errorCode(), "no hard delete");
        assertEquals(200, registry.get("/schemas/ids/" + id).status());
        // version numbers continue after a soft delete, the global id is kept
        assertEquals(id, registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.V1)).id());
        assertEquals("[3]", registry.get("/subjects/" + subject + "/versions").body());
    }

    @Test
    void shouldReadAndUpdateGlobalAndSubjectConfig() {
        String subject = subject();
        assertEquals("BACKWARD", registry.get("/config").json().path("compatibilityLevel").asText());
        assertEquals(40408, registry.get("/config/" + subject).errorCode());
        assertEquals("BACKWARD", registry.get("/config/" + subject + "?defaultToGlobal=true")
                .json().path("compatibilityLevel").asText());

        Response set = registry.put("/config/" + subject, "{\"compatibility\":\"full_transitive\"}");
        assertEquals("FULL_TRANSITIVE", set.json().path("compatibility").asText());
        assertEquals("FULL_TRANSITIVE", registry.get("/config/" + subject).json().path("compatibilityLevel").asText());

        try {
            assertEquals("NONE", registry.put("/config", "{\"compatibility\":\"NONE\"}").json().path("compatibility").asText());
            assertEquals("NONE", registry.get("/config").json().path("compatibilityLevel").asText());
            assertEquals("FULL_TRANSITIVE", registry.get("/config/" + subject).json().path("compatibilityLevel").asText());
        } finally {
            registry.put("/config", "{\"compatibility\":\"BACKWARD\"}");
        }
        assertEquals("FULL_TRANSITIVE", registry.delete("/config/" + subject).json().path("compatibilityLevel").asText());
        assertEquals(40408, registry.get("/config/" + subject).errorCode());
    }

    @Test
    void shouldTestCompatibilityAgainstLatestOrAGivenVersion() {
        String subject = subject();
        registry.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");
        registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.V1));
        registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.CHANGED_TYPE));
        registry.put("/config/" + subject, "{\"compatibility\":\"BACKWARD\"}");
        String path = "/compatibility/subjects/" + subject + "/versions/";

        Response latest = registry.post(path + "latest", schemaBody(Schemas.CHANGED_TYPE));
        Response first = registry.post(path + "1?verbose=true", schemaBody(Schemas.CHANGED_TYPE));

        assertTrue(latest.json().path("is_compatible").asBoolean(), latest.body());
        assertFalse(latest.json().has("messages"));
        assertFalse(first.json().path("is_compatible").asBoolean(), first.body());
        assertTrue(first.json().path("messages").get(0).asText().contains("BACKWARD"), first.body());
        assertEquals(40402, registry.post(path + "9", schemaBody(Schemas.V1)).errorCode());
        assertEquals(40401, registry.post("/compatibility/subjects/" + subject() + "/versions/1", schemaBody(Schemas.V1)).errorCode());
    }

    @Test
    void shouldReportTheStoreInHealth() {
        Response health = registry.get("/health");

        assertEquals(200, health.status());
        assertEquals("UP", health.json().path("status").asText());
        assertEquals("UP", health.json().path("details").path("schemaStore").path("status").asText(), health.body());
        assertTrue(kafka.topicNames().contains("_schemas"), "the default store topic is _schemas");
    }

    static String canonical(String schema) {
        return new Schema.Parser().parse(schema).toString();
    }

    private static String subject() {
        return "api-" + SUBJECTS.incrementAndGet() + "-value";
    }
}
