package io.aegis.registry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompatibilityLevelTest {

    /** A chain where each step is backward compatible with the previous one but v3 cannot read v1. */
    private static final List<String> BACKWARD_CHAIN = List.of(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"int\",\"default\":0}]}");

    /** A chain where each step is fully compatible with the previous one but v1 cannot read v3. */
    private static final List<String> FORWARD_CHAIN = List.of(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"default\":\"x\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");

    @ParameterizedTest(name = "{0}: added field with default compatible={1}, added required={2}, removed={3}, changed type={4}")
    @CsvSource({
        "NONE,                true, true,  true,  true",
        "BACKWARD,            true, false, true,  false",
        "BACKWARD_TRANSITIVE, true, false, true,  false",
        "FORWARD,             true, true,  false, false",
        "FORWARD_TRANSITIVE,  true, true,  false, false",
        "FULL,                true, false, false, false",
        "FULL_TRANSITIVE,     true, false, false, false"
    })
    void shouldDecideEachSingleStepChangeAsAvroDoes(CompatibilityLevel level, boolean withDefault, boolean required,
                                                    boolean removed, boolean changedType) {
        // given the earlier version V1
        List<Schema> earlier = List.of(parse(TestSchemas.V1));

        // when / then each kind of change is accepted exactly where the level allows it
        assertEquals(withDefault, level.incompatibilities(parse(TestSchemas.V2_ADDED_WITH_DEFAULT), earlier).isEmpty());
        assertEquals(required, level.incompatibilities(parse(TestSchemas.V2_ADDED_REQUIRED), earlier).isEmpty());
        assertEquals(removed, level.incompatibilities(parse(TestSchemas.V2_REMOVED_FIELD), earlier).isEmpty());
        assertEquals(changedType, level.incompatibilities(parse(TestSchemas.V2_CHANGED_TYPE), earlier).isEmpty());
    }

    @ParameterizedTest(name = "{0} accepts v3 of the backward chain: {1}")
    @CsvSource({"BACKWARD, true", "BACKWARD_TRANSITIVE, false", "NONE, true"})
    void shouldCompareWithEveryVersionOnlyWhenBackwardIsTransitive(CompatibilityLevel level, boolean accepted) {
        // given v1 and v2 of a chain whose v3 reads v2 but not v1
        List<Schema> earlier = List.of(parse(BACKWARD_CHAIN.get(0)), parse(BACKWARD_CHAIN.get(1)));

        // when
        List<String> problems = level.incompatibilities(parse(BACKWARD_CHAIN.get(2)), earlier);

        // then
        assertEquals(accepted, problems.isEmpty(), String.valueOf(problems));
    }

    @ParameterizedTest(name = "{0} accepts v3 of the forward chain: {1}")
    @CsvSource({"FORWARD, true", "FORWARD_TRANSITIVE, false", "FULL, true", "FULL_TRANSITIVE, false"})
    void shouldCompareWithEveryVersionOnlyWhenForwardOrFullIsTransitive(CompatibilityLevel level, boolean accepted) {
        // given v1 and v2 of a chain whose v1 cannot read data written with v3
        List<Schema> earlier = List.of(parse(FORWARD_CHAIN.get(0)), parse(FORWARD_CHAIN.get(1)));

        // when
        List<String> problems = level.incompatibilities(parse(FORWARD_CHAIN.get(2)), earlier);

        // then
        assertEquals(accepted, problems.isEmpty(), String.valueOf(problems));
    }

    @Test
    void shouldNameDirectionAndLocationOfAnIncompatibility() {
        // when
        List<String> problems = CompatibilityLevel.FULL.incompatibilities(
                parse(TestSchemas.V2_CHANGED_TYPE), List.of(parse(TestSchemas.V1)));

        // then both directions are reported, pointing at the field
        assertTrue(problems.stream().anyMatch(p -> p.contains("BACKWARD") && p.contains("/fields/0/type")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("FORWARD")), problems::toString);
    }

    @Test
    void shouldAcceptAnythingAsFirstVersion() {
        assertTrue(CompatibilityLevel.FULL_TRANSITIVE.incompatibilities(parse(TestSchemas.OTHER), List.of()).isEmpty());
    }

    @Test
    void shouldParseLevelsCaseInsensitivelyAndRefuseUnknownOnesWith42203() {
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, CompatibilityLevel.parse("full_transitive"));

        RegistryException error = assertThrows(RegistryException.class, () -> CompatibilityLevel.parse("SIDEWAYS"));

        assertEquals(42203, error.errorCode());
        assertEquals(422, error.httpStatus());
        assertFalse(error.getMessage().isBlank());
        assertTrue(error.getMessage().contains("SIDEWAYS"));
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
