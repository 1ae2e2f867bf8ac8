package io.aegis.registry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.domain.LogEntry.ConfigChange;
import io.aegis.registry.domain.LogEntry.SchemaClaim;
import io.aegis.registry.domain.LogEntry.SubjectDeletion;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

    private final RegistryState state = new RegistryState(CompatibilityLevel.BACKWARD);

    @Test
    void shouldBindIdAndVersionWhenClaimIsValidAtItsPosition() {
        // when
        Outcome outcome = state.apply(claim("a", 1, 1, TestSchemas.V1));

        // then
        assertTrue(outcome.accepted());
        assertEquals(Optional.of(1), state.idOf(canonical(TestSchemas.V1)));
        assertEquals(List.of(new SubjectVersion("a", 1, 1, canonical(TestSchemas.V1), false)), state.versions("a", false));
        assertEquals(2, state.nextId());
    }

    @Test
    void shouldRefuseClaimOfAnIdBoundToAnotherSchema() {
        // given
        state.apply(claim("a", 1, 1, TestSchemas.V1));

        // when another instance claimed the same id for a different schema
        Outcome outcome = state.apply(claim("b", 1, 1, TestSchemas.OTHER));

        // then the first claim stands and the second changes nothing
        assertFalse(outcome.accepted());
        assertTrue(outcome.reason().contains("bound to another schema"), outcome.reason());
        assertEquals(List.of(), state.versions("b", true));
        assertEquals(Optional.empty(), state.idOf(canonical(TestSchemas.OTHER)));
    }

    @Test
    void shouldRefuseGivingAKnownSchemaASecondId() {
        // given
        state.apply(claim("a", 1, 1, TestSchemas.V1));

        // when
        Outcome outcome = state.apply(claim("b", 1, 2, TestSchemas.V1));

        // then
        assertFalse(outcome.accepted());
        assertTrue(state.schemaById(2).isEmpty());
    }

    @Test
    void shouldReuseTheGlobalIdUnderAnotherSubject() {
        // given
        state.apply(claim("a", 1, 1, TestSchemas.V1));

        // when
        Outcome outcome = state.apply(claim("b", 1, 1, TestSchemas.V1));

        // then
        assertTrue(outcome.accepted());
        assertEquals(1, state.versions("b", false).get(0).id());
    }

    @Test
    void shouldRefuseAVersionThatIsTakenOrLeavesAGap() {
        // given
        state.apply(claim("a", 1, 1, TestSchemas.V1));

        // when
        Outcome taken = state.apply(claim("a", 1, 2, TestSchemas.V2_ADDED_WITH_DEFAULT));
        Outcome gap = state.apply(claim("a", 3, 2, TestSchemas.V2_ADDED_WITH_DEFAULT));

        // then
        assertFalse(taken.accepted());
        assertFalse(gap.accepted());
        assertEquals(1, state.highestVersion("a"));
    }

    @Test
    void shouldRefuseAClaimWhoseSchemaDoesNotParse() {
        assertFalse(state.apply(new SchemaClaim("c", "a", 1, 1, "{not avro")).accepted());
        assertEquals(List.of(), state.subjects(true));
    }

    @Test
    void shouldSoftDeleteLiveVersionsAndNeverReuseTheirNumbers() {
        // given
        state.apply(claim("a", 1, 1, TestSchemas.V1));
        state.apply(claim("a", 2, 2, TestSchemas.V2_ADDED_WITH_DEFAULT));

        // when
        Outcome deletion = state.apply(new SubjectDeletion("d1", "a"));

        // then
        assertEquals(List.of(1, 2), deletion.deletedVersions());
        assertEquals(List.of(), state.subjects(false));
        assertEquals(List.of("a"), state.subjects(true));
        assertTrue(state.schemaById(1).isPresent(), "ids stay readable after a soft delete");
        assertFalse(state.apply(claim("a", 1, 1, TestSchemas.V1)).accepted());
        assertTrue(state.apply(claim("a", 3, 1, TestSchemas.V1)).accepted());
        assertEquals(List.of(3), state.versions("a", false).stream().map(SubjectVersion::version).toList());
    }

    @Test
    void shouldSetAndRemoveCompatibilityLevels() {
        // when
        state.apply(new ConfigChange(null, CompatibilityLevel.FULL));
        state.apply(new ConfigChange("a", CompatibilityLevel.NONE));

        // then
        assertEquals(CompatibilityLevel.FULL, state.globalLevel());
        assertEquals(CompatibilityLevel.NONE, state.effectiveLevel("a"));
        assertEquals(CompatibilityLevel.FULL, state.effectiveLevel("b"));

        // when removed
        state.apply(new ConfigChange("a", null));
        state.apply(new ConfigChange(null, null));

        // then the subject follows the global level, which is back to the default
        assertEquals(Optional.empty(), state.subjectLevel("a"));
        assertEquals(CompatibilityLevel.BACKWARD, state.effectiveLevel("a"));
    }

    private static SchemaClaim claim(String subject, int version, int id, String schema) {
        return new SchemaClaim(subject + "-" + version + "-" + id + "-" + schema.hashCode(), subject, version, id, schema);
    }

    private static String canonical(String text) {
        return new Schema.Parser().parse(text).toString();
    }
}
