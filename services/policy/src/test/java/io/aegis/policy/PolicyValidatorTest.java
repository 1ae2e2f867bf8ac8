package io.aegis.policy;

import static io.aegis.policy.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.routing.SharingPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

    private final PolicyValidator validator = new PolicyValidator(Fixtures.demoMembers());

    private List<Violation> violationsOf(String yaml) {
        return validator.validate(PolicyDocument.parse(yaml, NOW, "test"));
    }

    private static void assertViolation(List<Violation> violations, String field, String fragment) {
        assertTrue(violations.stream().anyMatch(v -> v.field().equals(field) && v.message().contains(fragment)),
                () -> "expected " + field + " ~ '" + fragment + "' in " + violations);
    }

    @Test
    void shouldAcceptTheArchitectureExamplePolicy() {
        assertEquals(List.of(), violationsOf(Fixtures.ARCHITECTURE_POLICY));
    }

    @Test
    void shouldRejectUnknownCountryAndGroupNamingTheRule() {
        List<Violation> violations = violationsOf("""
                country: FR
                rules:
                  - {id: a, effect: ALLOW, to: [XX]}
                  - {id: b, effect: ALLOW, to: ["group:nordics"]}
                """);

        assertViolation(violations, "rules[0].to[0]", "unknown country 'XX'");
        assertViolation(violations, "rules[1].to[0]", "unknown group 'nordics'");
    }

    @Test
    void shouldRejectUnknownOriginCountry() {
        assertViolation(violationsOf("country: ZZ\nrules: []\n"), "country", "unknown country 'ZZ'");
    }

    @Test
    void shouldRejectUnknownRedactionFieldPath() {
        List<Violation> violations = violationsOf("""
                country: FR
                rules:
                  - {id: r, effect: REDACT, to: ["*"], fields: [secret, "indicators[type=PHONE]"]}
                """);

        assertViolation(violations, "rules[0].fields[0]", "unknown field path 'secret'");
        assertViolation(violations, "rules[0].fields[1]", "unknown indicator type 'PHONE'");
    }

    @Test
    void shouldRejectBadDurations() {
        List<Violation> violations = violationsOf("""
                country: FR
                rules:
                  - {id: d1, effect: DELAY, to: [BR], delay: one-hour}
                  - {id: d2, effect: DELAY, to: [BR], delay: "-PT1H"}
                  - {id: d3, effect: DELAY, to: [BR]}
                  - {id: d4, effect: ALLOW, to: [BR], delay: PT1H}
                  - {id: d5, effect: DELAY, to: [BR], delay: P60D}
                """);

        assertViolation(violations, "rules[0].delay", "not an ISO-8601 duration");
        assertViolation(violations, "rules[1].delay", "positive duration");
        assertViolation(violations, "rules[2].delay", "needs an ISO-8601 duration");
        assertViolation(violations, "rules[3].delay", "only DELAY rules");
        assertViolation(violations, "rules[4].delay", "at most");
    }

    @Test
    void shouldRejectContradictoryRules() {
        List<Violation> violations = violationsOf("""
                country: FR
                rules:
                  - {id: allow-de, effect: ALLOW, to: [DE], tlp: [AMBER]}
                  - {id: deny-de, effect: DENY, to: [DE], tlp: [AMBER]}
                  - {id: bounds, effect: ALLOW, to: [JP], minSeverity: 4, maxSeverity: 2}
                """);

        assertViolation(violations, "rules[1]", "contradicts rule 'allow-de'");
        assertViolation(violations, "rules[2].minSeverity", "contradictory");
    }

    @Test
    void shouldRejectDuplicateIdsRulesMatchingNobodyAndTheOriginAsDestination() {
        List<Violation> violations = violationsOf("""
                country: FR
                rules:
                  - {id: a, effect: ALLOW, to: [DE], except: ["group:eu"]}
                  - {id: a, effect: ALLOW, to: [FR]}
                """);

        assertViolation(violations, "rules[0].to", "matches no destination");
        assertViolation(violations, "rules[1].id", "duplicate rule id 'a'");
        assertViolation(violations, "rules[1].to[0]", "origin country FR");
    }

    @Test
    void shouldReportStructuralErrorsWithFieldPaths() {
        PolicyValidationException e = assertThrows(PolicyValidationException.class, () -> PolicyDocument.parse("""
                country: FR
                colour: blue
                rules:
                  - {id: a, effect: PERMIT, to: [DE], tlp: [PURPLE], minSeverity: high}
                  - {id: b, to: [DE]}
                """, NOW, "test"));

        assertViolation(e.violations(), "colour", "unknown field");
        assertViolation(e.violations(), "rules[0].effect", "unknown value 'PERMIT'");
        assertViolation(e.violations(), "rules[0].tlp[0]", "unknown value 'PURPLE'");
        assertViolation(e.violations(), "rules[0].minSeverity", "must be an integer");
        assertViolation(e.violations(), "rules[1].effect", "is required");
    }

    @Test
    void shouldParseJsonAsWellAsYaml() {
        SharingPolicy policy = PolicyDocument.parse("""
                {"country": "DE", "version": 3, "rules": [{"id": "g", "effect": "ALLOW", "to": ["*"], "tlp": ["AMBER+STRICT"]}],
                 "coordination": "COUNT_ONLY", "attribution": "ANONYMOUS"}
                """, NOW, "admin");

        assertEquals(3, policy.getVersion());
        assertEquals("AMBER_STRICT", policy.getRules().get(0).getTlp().get(0).name());
        assertEquals(List.of(), validator.validate(policy));
    }

    @Test
    void shouldRejectAMemberListWithUnknownGroupMember() {
        PolicyValidationException e = assertThrows(PolicyValidationException.class, () -> MembersYaml.parse("""
                members:
                  - {code: FR, publicKey: abc}
                groups:
                  eu: [FR, DE]
                """));

        assertViolation(e.violations(), "groups.eu[1]", "unknown country 'DE'");
    }
}
