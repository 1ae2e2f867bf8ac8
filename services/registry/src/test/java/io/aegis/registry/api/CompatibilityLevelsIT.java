package io.aegis.registry.api;

import static io.aegis.registry.support.RegistryInstance.schemaBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.aegis.registry.support.RegistryInstance;
import io.aegis.registry.support.RegistryInstance.Response;
import io.aegis.registry.support.Schemas;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every compatibility level, set per subject over HTTP, accepting and refusing registrations. */
@Tag("integration")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CompatibilityLevelsIT {

    private RegistryInstance registry;

    @BeforeAll
    void start(KafkaCluster kafka) {
        registry = RegistryInstance.start(kafka.bootstrapServers(), "_schemas");
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @ParameterizedTest(name = "{0} accepts {1} and refuses {2} after V1")
    @CsvSource({
        "NONE,                CHANGED_TYPE,       ",
        "BACKWARD,            REMOVED_FIELD,      ADDED_REQUIRED",
        "BACKWARD_TRANSITIVE, REMOVED_FIELD,      ADDED_REQUIRED",
        "FORWARD,             ADDED_REQUIRED,     REMOVED_FIELD",
        "FORWARD_TRANSITIVE,  ADDED_REQUIRED,     REMOVED_FIELD",
        "FULL,                ADDED_WITH_DEFAULT, ADDED_REQUIRED",
        "FULL_TRANSITIVE,     ADDED_WITH_DEFAULT, REMOVED_FIELD"
    })
    void shouldAcceptAndRefuseTheNextVersionAsTheLevelSays(String level, String accepted, String refused) {
        // given a subject at this level with V1
        String subject = "single-" + level;
        registry.put("/config/" + subject, "{\"compatibility\":\"" + level + "\"}");
        int v1 = registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.V1)).id();

        // when / then: the refused change is a 409 and the compatibility check agrees
        if (refused != null) {
            Response refusal = registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.named(refused)));
            assertEquals(409, refusal.errorCode(), refusal.body());
            assertEquals(false, check(subject, Schemas.named(refused)));
        }
        assertEquals(true, check(subject, Schemas.named(accepted)));
        Response acceptance = registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.named(accepted)));
        assertEquals(200, acceptance.status(), acceptance.body());
        assertNotEquals(v1, acceptance.id());
        assertEquals("[1,2]", registry.get("/subjects/" + subject + "/versions").body());
    }

    @ParameterizedTest(name = "{0}: v3 after {1}, {2} accepted = {4}")
    @CsvSource({
        "BACKWARD,            V1, REMOVED_FIELD,   INT_ID_WITH_DEFAULT, true",
        "BACKWARD_TRANSITIVE, V1, REMOVED_FIELD,   INT_ID_WITH_DEFAULT, false",
        "FORWARD,             V1, ID_WITH_DEFAULT, REMOVED_FIELD,       true",
        "FORWARD_TRANSITIVE,  V1, ID_WITH_DEFAULT, REMOVED_FIELD,       false",
        "FULL,                V1, ID_WITH_DEFAULT, REMOVED_FIELD,       true",
        "FULL_TRANSITIVE,     V1, ID_WITH_DEFAULT, REMOVED_FIELD,       false"
    })
    void shouldCompareWithEveryEarlierVersionOnlyForTransitiveLevels(String level, String v1, String v2, String v3,
                                                                     boolean accepted) {
        // given v1 and v2, each compatible with its predecessor, where v3 fits v2 but not v1
        String subject = "chain-" + level;
        registry.put("/config/" + subject, "{\"compatibility\":\"" + level + "\"}");
        assertEquals(200, registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.named(v1))).status());
        assertEquals(200, registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.named(v2))).status());

        // when
        Response third = registry.post("/subjects/" + subject + "/versions", schemaBody(Schemas.named(v3)));

        // then
        assertEquals(accepted ? 200 : 409, third.status(), third.body());
    }

    private boolean check(String subject, String schema) {
        Response response = registry.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(schema));
        return response.json().path("is_compatible").asBoolean();
    }
}
