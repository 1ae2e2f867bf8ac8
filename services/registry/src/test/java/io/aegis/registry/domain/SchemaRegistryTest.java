package io.aegis.registry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.domain.LogEntry.SchemaClaim;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SchemaRegistryTest {

    private final InMemorySchemaStore store = new InMemorySchemaStore();
    private final SchemaRegistry registry = new SchemaRegistry(store);

    @Test
    void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredTwice() {
        // when the second registration differs only in whitespace
        int first = registry.register("signals-value", TestSchemas.V1, null);
        int second = registry.register("signals-value", TestSchemas.V1.replace("\n", " "), "AVRO");

        // then it is the same schema: same id, still one version, nothing new in the log
        assertEquals(first, second);
        assertEquals(List.of(1), registry.versions("signals-value"));
        assertEquals(1, store.log().size());
    }

    @Test
    void shouldReuseTheGlobalIdForTheSameSchemaUnderAnotherSubject() {
        int first = registry.register("a-value", TestSchemas.V1, null);
        int other = registry.register("b-value", TestSchemas.OTHER, null);

        int again = registry.register("c-value", TestSchemas.V1, null);

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409UnderTheDefaultBackwardLevel() {
        registry.register("s", TestSchemas.V1, null);

        RegistryException error = assertThrows(RegistryException.class,
                () -> registry.register("s", TestSchemas.V2_ADDED_REQUIRED, null));

        assertEquals(409, error.httpStatus());
        assertEquals(409, error.errorCode());
        assertTrue(error.getMessage().contains("\"s\"") && error.getMessage().contains("BACKWARD"), error.getMessage());
        assertEquals(List.of(1), registry.versions("s"));
    }

    @Test
    void shouldFollowTheSubjectLevelOverTheGlobalOne() {
        // given a subject set to FORWARD while the global level stays BACKWARD
        registry.register("s", TestSchemas.V1, null);
        registry.setLevel("s", CompatibilityLevel.FORWARD);

        // when a required field is added (forward-compatible only) and then a field removed (backward only)
        int added = registry.register("s", TestSchemas.V2_ADDED_REQUIRED, null);
        Executable removed = () -> registry.register("s", TestSchemas.V2_REMOVED_FIELD, null);

        // then
        assertTrue(added > 0);
        assertEquals(409, assertThrows(RegistryException.class, removed).errorCode());
        assertEquals(CompatibilityLevel.BACKWARD, registry.globalLevel());
    }

    @Test
    void shouldRefuseInvalidAvroAndOtherSchemaTypesWith42201() {
        RegistryException invalid = assertThrows(RegistryException.class,
                () -> registry.register("s", "{\"type\":\"record\",\"name\":\"R\"}", null));
        RegistryException badDefault = assertThrows(RegistryException.class, () -> registry.register("s",
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"n\",\"type\":\"int\",\"default\":\"x\"}]}", null));
        RegistryException protobuf = assertThrows(RegistryException.class,
                () -> registry.register("s", "syntax = \"proto3\";", "PROTOBUF"));
        RegistryException empty = assertThrows(RegistryException.class, () -> registry.register("s", null, null));

        for (RegistryException error : List.of(invalid, badDefault, protobuf, empty)) {
            assertEquals(42201, error.errorCode(), error.getMessage());
            assertEquals(422, error.httpStatus());
        }
        assertTrue(protobuf.getMessage().contains("PROTOBUF") && protobuf.getMessage().contains("AVRO"));
        assertTrue(empty.getMessage().contains("'schema'"));
        assertTrue(store.log().isEmpty(), "nothing is written for bad input");
    }

    @Test
    void shouldLookUpASchemaUnderASubjectOrSayWhatIsMissing() {
        int id = registry.register("s", TestSchemas.V1, null);

        SubjectVersion found = registry.lookup("s", TestSchemas.V1, null);

        assertEquals(new SubjectVersion("s", 1, id, canonical(TestSchemas.V1), false), found);
        assertEquals(40401, assertThrows(RegistryException.class, () -> registry.lookup("nope", TestSchemas.V1, null)).errorCode());
        assertEquals(40403, assertThrows(RegistryException.class, () -> registry.lookup("s", TestSchemas.OTHER, null)).errorCode());
    }

    @Test
    void shouldReadVersionsByNumberAndLatest() {
        registry.register("s", TestSchemas.V1, null);
        int v2 = registry.register("s", TestSchemas.V2_ADDED_WITH_DEFAULT, null);

        assertEquals(v2, registry.version("s", VersionSpec.LATEST).id());
        assertEquals(1, registry.version("s", VersionSpec.parse("1")).version());
        assertEquals(40402, assertThrows(RegistryException.class, () -> registry.version("s", VersionSpec.parse("7"))).errorCode());
        assertEquals(40401, assertThrows(RegistryException.class, () -> registry.version("x", VersionSpec.LATEST)).errorCode());
        assertEquals(42202, assertThrows(RegistryException.class, () -> VersionSpec.parse("0")).errorCode());
        assertEquals(42202, assertThrows(RegistryException.class, () -> VersionSpec.parse("one")).errorCode());
    }

    @Test
    void shouldSoftDeleteASubjectKeepingIdsAndContinuingVersionNumbers() {
        int id = registry.register("s", TestSchemas.V1, null);
        registry.register("s", TestSchemas.V2_ADDED_WITH_DEFAULT, null);

        List<Integer> deleted = registry.deleteSubject("s");

        assertEquals(List.of(1, 2), deleted);
        assertEquals(40401, assertThrows(RegistryException.class, () -> registry.versions("s")).errorCode());
        assertEquals(List.of(1, 2), registry.versions("s", true));
        assertEquals(40401, assertThrows(RegistryException.class, () -> registry.versions("never", true)).errorCode());
        assertEquals(40404, assertThrows(RegistryException.class, () -> registry.deleteSubject("s")).errorCode());
        assertEquals(40401, assertThrows(RegistryException.class, () -> registry.deleteSubject("never")).errorCode());
        assertEquals(canonical(TestSchemas.V1), registry.schemaById(id));
        assertEquals(List.of(), registry.subjects(false));
        assertEquals(List.of("s"), registry.subjects(true));

        // re-registering after the delete makes a new version with the old global id
        assertEquals(id, registry.register("s", TestSchemas.V1, null));
        assertEquals(List.of(3), registry.versions("s"));
    }

    @Test
    void shouldReportSubjectLevelOnlyWhenSetUnlessDefaultToGlobal() {
        assertEquals(40408, assertThrows(RegistryException.class, () -> registry.subjectLevel("s", false)).errorCode());
        assertEquals(CompatibilityLevel.BACKWARD, registry.subjectLevel("s", true));

        registry.setLevel("s", CompatibilityLevel.FULL);
        assertEquals(CompatibilityLevel.FULL, registry.subjectLevel("s", false));

        assertEquals(CompatibilityLevel.FULL, registry.deleteSubjectLevel("s"));
        assertEquals(40408, assertThrows(RegistryException.class, () -> registry.deleteSubjectLevel("s")).errorCode());
    }

    @Test
    void shouldTestCompatibilityAgainstLatestOrAGivenVersion() {
        registry.register("s", TestSchemas.V1, null);
        registry.setLevel("s", CompatibilityLevel.NONE);
        registry.register("s", TestSchemas.V2_CHANGED_TYPE, null);
        registry.setLevel("s", CompatibilityLevel.BACKWARD);

        assertTrue(registry.testCompatibility("s", VersionSpec.LATEST, TestSchemas.V2_CHANGED_TYPE, null).isEmpty());
        assertFalse(registry.testCompatibility("s", VersionSpec.parse("1"), TestSchemas.V2_CHANGED_TYPE, null).isEmpty());
        assertTrue(registry.testCompatibility("fresh", VersionSpec.LATEST, TestSchemas.OTHER, null).isEmpty());
        assertEquals(40401, assertThrows(RegistryException.class,
                () -> registry.testCompatibility("fresh", VersionSpec.parse("1"), TestSchemas.OTHER, null)).errorCode());
    }

    @Test
    void shouldRetryWithAFreshIdWhenAnotherInstanceWonTheClaim() {
        // given a store where another instance's claim for the next id and version lands first
        RacingStore racing = new RacingStore();
        SchemaRegistry mine = new SchemaRegistry(racing);
        mine.register("s", TestSchemas.V1, null);
        racing.competitor = new SchemaClaim("theirs", "s", 2, 2, canonical(TestSchemas.V2_ADDED_WITH_DEFAULT));

        // when this instance registers a different compatible schema
        int id = mine.register("s", TestSchemas.V2_REMOVED_FIELD, null);

        // then both schemas are registered with distinct ids and consecutive versions
        assertEquals(3, id);
        assertEquals(List.of(1, 2, 3), mine.versions("s"));
        assertEquals(canonical(TestSchemas.V2_ADDED_WITH_DEFAULT), mine.schemaById(2));
        assertEquals(canonical(TestSchemas.V2_REMOVED_FIELD), mine.schemaById(3));
    }

    @Test
    void shouldRecheckCompatibilityAgainstTheVersionAnotherInstanceAdded() {
        // given another instance adds a version that the schema being registered cannot follow
        RacingStore racing = new RacingStore();
        SchemaRegistry mine = new SchemaRegistry(racing);
        mine.register("s", TestSchemas.V1, null);
        racing.competitor = new SchemaClaim("theirs", "s", 2, 2, canonical(TestSchemas.V2_REMOVED_FIELD));

        // when / then: compatible with v1 but not with the competitor's v2 (required field id is gone)
        RegistryException error = assertThrows(RegistryException.class,
                () -> mine.register("s", TestSchemas.V2_ADDED_WITH_DEFAULT, null));
        assertEquals(409, error.errorCode());
    }

    /** Applies a competing instance's claim just before this instance's next write. */
    private static final class RacingStore implements SchemaStore {
        private final InMemorySchemaStore delegate = new InMemorySchemaStore();
        private LogEntry competitor;

        @Override
        public Outcome append(LogEntry entry) {
            if (competitor != null) {
                delegate.append(competitor);
                competitor = null;
            }
            return delegate.append(entry);
        }

        @Override
        public RegistryState state() {
            return delegate.state();
        }

        @Override
        public StoreStatus status() {
            return delegate.status();
        }
    }

    private static String canonical(String text) {
        return new Schema.Parser().parse(text).toString();
    }
}
