package io.aegis.node.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.policy.Members;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicySubmissionTest {

    private static final Members MEMBERS = Members.of(
            Map.of("FR", "k", "DE", "k", "JP", "k", "BR", "k", "NO", "k"), Map.of("eu", List.of("FR", "DE")));

    private static SharingPolicy check(String yaml, String country) {
        return PolicySubmission.check(yaml, country, MEMBERS, Instant.EPOCH, "ada");
    }

    @Test
    void shouldAcceptAPolicyNamingNetworkGroupsAndNorwayWithoutAVersion() {
        SharingPolicy policy = check("""
                country: FR
                groups:
                  trusted: [DE, NO]
                rules:
                  - {id: eu, effect: ALLOW, to: ["group:eu", NO], tlp: [AMBER+STRICT]}
                  - {id: nordic, effect: DENY, to: ["group:trusted"], categories: [CBRN_UPLIFT]}
                """, "FR");

        assertEquals(0, policy.getVersion(), "the router assigns versions");
        assertEquals("ada", policy.getUpdatedBy());
        assertEquals(List.of("group:eu", "NO"), policy.getRules().get(0).getTo());
        assertEquals(List.of(Tlp.AMBER_STRICT), policy.getRules().get(0).getTlp());
        assertEquals(RuleEffect.DENY, policy.getRules().get(1).getEffect());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "country: DE|country",
            "country: FR\\nrules: [{effect: ALLOW, to: ['*']}]|rules[0].id",
            "country: FR\\nrules: [{id: a, effect: SHARE, to: ['*']}]|rules[0].effect",
            "country: FR\\nrules: [{id: a, effect: ALLOW}]|rules[0].to",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['group:asean']}]|rules[0].to[0]",
            "country: FR\\nrules: [{id: '-a', effect: ALLOW, to: ['*']}]|rules[0].id",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: [XX]}]|rules[0].to[0]",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*'], tlp: [PINK]}]|rules[0].tlp[0]",
            "country: FR\\nrules: [{id: a, effect: DELAY, to: ['*'], delay: 1h}]|rules[0].delay",
            "country: FR\\nrules: [{id: a, effect: DELAY, to: ['*'], delay: P60D}]|rules[0].delay",
            "country: FR\\nrules: [{id: a, effect: DELAY, to: ['*']}]|rules[0].delay",
            "country: FR\\nrules: [{id: a, effect: REDACT, to: ['*'], fields: [secret]}]|rules[0].fields[0]",
            "country: FR\\nrules: [{id: a, effect: REDACT, to: ['*']}]|rules[0].fields",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*'], fields: [title]}]|rules[0].fields",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*']}, {id: a, effect: DENY, to: [DE]}]|rules[1].id",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*'], colour: red}]|rules[0].colour",
            "country: FR\\ncoordination: PARTIAL|coordination",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*'], minSeverity: 4, maxSeverity: 2}]|rules[0].minSeverity",
            "country: FR\\nrules: [{id: a, effect: REDACT, to: ['*'], fields: ['indicators[type=PHONE]']}]|rules[0].fields[0]",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: [FR]}]|rules[0].to[0]",
    })
    void shouldRefuseABrokenPolicyNamingTheField(String yaml, String field) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> check(yaml.replace("\\n", "\n"), "FR"));

        assertTrue(e.violations().stream().anyMatch(v -> v.field().equals(field)), e.violations().toString());
    }

    @Test
    void shouldCallUnparseableTextMalformed() {
        assertThrows(MalformedBodyException.class, () -> check("country: [FR", "FR"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "country: &a [[*a]]",
            "country: FR\\ngroups:\\n  trusted: &a [[*a]]",
            "country: FR\\nrules:\\n  - &a {id: [*a], effect: ALLOW, to: ['*']}",
            "country: FR\\nrules:\\n  - {id: a, effect: &a {k: [*a]}, to: ['*']}",
    })
    void shouldCallADocumentWhoseAliasContainsItselfMalformed(String yaml) {
        // why: the policy reader turned such a value into text without end (a StackOverflowError, answered 500)
        MalformedBodyException e = assertThrows(MalformedBodyException.class, () -> check(yaml.replace("\\n", "\n"), "FR"));

        assertTrue(e.getMessage().contains("alias"), e.getMessage());
    }

    @Test
    void shouldAcceptAliasesThatDoNotRecurse() {
        SharingPolicy policy = check("""
                country: FR
                groups:
                  trusted: &both [DE, JP]
                rules:
                  - {id: a, effect: ALLOW, to: *both, tlp: [GREEN]}
                """, "FR");

        assertEquals(List.of("DE", "JP"), policy.getRules().get(0).getTo());
    }
}
