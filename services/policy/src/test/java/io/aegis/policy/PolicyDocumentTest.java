package io.aegis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.SharingPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    private static PolicyValidationException refusal(String yaml) {
        return assertThrows(PolicyValidationException.class, () -> PolicyDocument.parse(yaml, AT, "admin"));
    }

    @Test
    void shouldKeepNorwayAStringWhereYamlOnePointOneWouldReadFalse() {
        SharingPolicy policy = PolicyDocument.parse("""
                country: FR
                groups:
                  nordic: [NO, DE]
                rules:
                  - {id: r1, effect: ALLOW, to: [NO, "group:nordic"]}
                """, AT, "admin");

        assertEquals(List.of("NO", "DE"), policy.getGroups().get("nordic"));
        assertEquals(List.of("NO", "group:nordic"), policy.getRules().get(0).getTo());
    }

    @Test
    void shouldReadTlpLabelsAsTlp2WritesThemAndRefuseOtherSpellings() {
        SharingPolicy policy = PolicyDocument.parse("""
                country: FR
                rules:
                  - {id: r1, effect: ALLOW, to: [DE], tlp: [AMBER+STRICT, AMBER_STRICT, RED]}
                """, AT, "admin");
        assertEquals(List.of(Tlp.AMBER_STRICT, Tlp.AMBER_STRICT, Tlp.RED), policy.getRules().get(0).getTlp());

        PolicyValidationException refused = refusal("country: FR\nrules:\n  - {id: r1, effect: ALLOW, to: [DE], tlp: [amber]}\n");
        assertEquals("rules[0].tlp[0]", refused.violations().get(0).field());
        assertTrue(refused.getMessage().contains(TlpLabels.ALLOWED), refused.getMessage());
    }

    @Test
    void shouldNameUnknownKeysAndWrongTypesByPath() {
        PolicyValidationException refused = refusal("""
                country: FR
                colour: blue
                rules:
                  - {id: r1, effect: ALLOW, to: DE, minSeverity: high}
                """);

        List<String> fields = refused.violations().stream().map(Violation::field).toList();
        assertTrue(fields.containsAll(List.of("colour", "rules[0].to", "rules[0].minSeverity")), fields.toString());
    }

    @Test
    void shouldTellMalformedTextFromABrokenRule() {
        assertThrows(MalformedDocumentException.class, () -> PolicyDocument.parse("country: [FR\n", AT, "admin"));
        assertThrows(MalformedDocumentException.class, () -> PolicyDocument.parse("country: FR\ncountry: DE\n", AT, "admin"));
    }

    @Test
    void shouldAcceptWhatTheApiShowsBackButNeverTakeItsVersion() {
        SharingPolicy policy = PolicyDocument.parse("""
                country: FR
                version: 7
                updatedAt: "2026-11-01T00:00:00Z"
                updatedBy: someone
                rules: []
                """, AT, "admin");

        assertEquals("admin", policy.getUpdatedBy());
        assertEquals(AT, policy.getUpdatedAt());
    }
}
