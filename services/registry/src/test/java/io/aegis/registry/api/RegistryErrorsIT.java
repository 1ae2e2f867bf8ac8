package io.aegis.registry.api;

import static io.aegis.registry.support.RegistryInstance.schemaBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.support.RegistryInstance;
import io.aegis.registry.support.RegistryInstance.Response;
import io.aegis.registry.support.Schemas;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input gets Confluent's error body and code, never a 500: clients written for Confluent
 * branch on {@code error_code}, so each one must be exactly what Confluent answers.
 */
@Tag("integration")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryErrorsIT {

    private RegistryInstance registry;

    @BeforeAll
    void start(KafkaCluster kafka) {
        registry = RegistryInstance.start(kafka.bootstrapServers(), "_schemas");
        registry.post("/subjects/known/versions", schemaBody(Schemas.V1));
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void shouldAnswer40401ForAnUnknownSubject() {
        assertError(registry.get("/subjects/unknown/versions"), 404, 40401, "unknown");
        assertError(registry.get("/subjects/unknown/versions/latest"), 404, 40401, "unknown");
        assertError(registry.post("/subjects/unknown", schemaBody(Schemas.V1)), 404, 40401, "unknown");
        assertError(registry.delete("/subjects/unknown"), 404, 40401, "unknown");
    }

    @Test
    void shouldAnswer40402ForAnUnknownVersion() {
        assertError(registry.get("/subjects/known/versions/42"), 404, 40402, "42");
    }

    @Test
    void shouldAnswer40403ForAnUnknownSchema() {
        assertError(registry.get("/schemas/ids/987654"), 404, 40403, "987654");
        assertError(registry.get("/schemas/ids/not-a-number"), 404, 40403, "not-a-number");
        assertError(registry.post("/subjects/known", schemaBody(Schemas.OTHER)), 404, 40403, "Schema not found");
    }

    @Test
    void shouldAnswer409ForAnIncompatibleSchema() {
        assertError(registry.post("/subjects/known/versions", schemaBody(Schemas.ADDED_REQUIRED)), 409, 409, "incompatible");
    }

    @Test
    void shouldAnswer42201ForAnInvalidSchemaOrType() {
        assertError(registry.post("/subjects/x/versions", schemaBody("{\"type\":\"record\"}")), 422, 42201, "Invalid schema");
        assertError(registry.post("/subjects/x/versions", schemaBody("not json at all")), 422, 42201, "Invalid schema");
        assertError(registry.post("/subjects/x/versions", "{\"schemaType\":\"AVRO\"}"), 422, 42201, "'schema'");
        assertError(registry.post("/subjects/x/versions",
                "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201, "PROTOBUF");
        assertError(registry.post("/subjects/x/versions", "{\"schema\":\"\\\"int\\\"\",\"references\":"
                + "[{\"name\":\"a\",\"subject\":\"b\",\"version\":1}]}"), 422, 42201, "references");
        assertEquals(40401, registry.get("/subjects/x/versions").errorCode(), "nothing was registered");
    }

    @Test
    void shouldAnswer42202ForAnInvalidVersion() {
        assertError(registry.get("/subjects/known/versions/0"), 422, 42202, "'0'");
        assertError(registry.get("/subjects/known/versions/first"), 422, 42202, "'first'");
        assertError(registry.post("/compatibility/subjects/known/versions/x", schemaBody(Schemas.V1)), 422, 42202, "'x'");
    }

    @Test
    void shouldAnswer42203ForAnInvalidCompatibilityLevel() {
        assertError(registry.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203, "SIDEWAYS");
        assertError(registry.put("/config/known", "{}"), 422, 42203, "null");
        assertEquals("BACKWARD", registry.get("/config").json().path("compatibilityLevel").asText());
    }

    @Test
    void shouldAnswer400ForMalformedJson() {
        assertError(registry.post("/subjects/x/versions", "{\"schema\": "), 400, 400, "not valid JSON");
        assertError(registry.post("/subjects/x/versions", "{\"schema\": {\"type\":\"int\"}}"), 400, 400, "not valid JSON");
        assertError(registry.post("/subjects/x/versions", ""), 400, 400, "empty");
        assertError(registry.put("/config", "[1,2"), 400, 400, "not valid JSON");
    }

    @Test
    void shouldAnswer40408WhenASubjectHasNoLevelOfItsOwn() {
        assertError(registry.get("/config/known"), 404, 40408, "known");
        assertError(registry.delete("/config/known"), 404, 40408, "known");
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsInConfluentShape() {
        assertError(registry.get("/nothing/here"), 404, 404, "404");
        assertError(registry.delete("/schemas/ids/1"), 405, 405, "");
    }

    private static void assertError(Response response, int status, int errorCode, String messagePart) {
        assertEquals(status, response.status(), response.body());
        assertEquals(errorCode, response.errorCode(), response.body());
        assertTrue(response.json().path("message").asText().contains(messagePart), response.body());
        assertTrue(response.contentType().startsWith(RegistryInstance.V1_JSON), response.contentType());
    }
}
