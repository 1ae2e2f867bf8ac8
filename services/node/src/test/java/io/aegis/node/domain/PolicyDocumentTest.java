package io.aegis.node.domain;

import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyDocumentTest {

    static final String EXAMPLE = """
            country: FR
            groups:
              trusted: [DE, JP, "NO"]
            rules:
              - id: share-green
                effect: ALLOW
                to: ["*"]
                tlp: [CLEAR, GREEN]
              - id: amber-to-trusted
                effect: ALLOW
                to: ["group:trusted"]
                tlp: [AMBER, AMBER+STRICT, RED]
              - id: no-election-signals-to-jp
                effect: DENY
                to: [JP]
                sectors: [ELECTIONS]
              - id: strip-personal-data
                effect: REDACT
                to: ["*"]
                except: ["group:trusted"]
                fields: [description, "indicators[type=EMAIL]"]
              - id: embargo-br
                effect: DELAY
                to: [BR]
                delay: PT1H
            coordination: HASHED
            attribution: COUNTRY
            """;

    @Test
    void shouldParseTheContractExampleAndAssignTheGivenVersion() {
        SharingPolicy policy = PolicyDocument.parse(EXAMPLE, "FR").toPolicy(7, Instant.EPOCH, "admin");

        assertEquals(7, policy.getVersion());
        assertEquals(5, policy.getRules().size());
        assertEquals(List.of(Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED), policy.getRules().get(1).getTlp());
        assertEquals(RuleEffect.DELAY, policy.getRules().get(4).getEffect());
        assertEquals("PT1H", policy.getRules().get(4).getDelay());
        assertEquals(CoordinationLevel.HASHED, policy.getCoordination());
        assertEquals(List.of("DE", "JP", "NO"), policy.getGroups().get("trusted"));
    }

    @Test
    void shouldKeepNorwayACountryWhenUnquotedInYaml() {
        // YAML 1.1 would read NO as false; the node's loader must not.
        String yaml = "country: FR\nrules:\n  - id: r\n    effect: ALLOW\n    to: [NO]\n";

        assertEquals(List.of("NO"), PolicyDocument.parse(yaml, "FR").rules().get(0).getTo());
    }

    @Test
    void shouldLeaveNetworkGroupsToTheRouterWhichKnowsTheMemberList() {
        // why: infra/policies/DE.yaml shares with group:eu, a group of infra/members.yaml, not of the policy
        String yaml = "country: DE\nrules:\n  - id: eu\n    effect: ALLOW\n    to: [\"group:eu\"]\n";

        assertEquals(List.of("group:eu"), PolicyDocument.parse(yaml, "DE").rules().get(0).getTo());
    }

    @Test
    void shouldAcceptJsonAsWell() {
        String json = "{\"country\":\"FR\",\"rules\":[{\"id\":\"a\",\"effect\":\"DENY\",\"to\":[\"*\"],\"categories\":[\"CBRN_UPLIFT\"]}]}";

        assertEquals(RuleEffect.DENY, PolicyDocument.parse(json, "FR").rules().get(0).getEffect());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "country: DE|country",
            "country: FR\\nrules: [{effect: ALLOW, to: ['*']}]|rules[0].id",
            "country: FR\\nrules: [{id: a, effect: SHARE, to: ['*']}]|rules[0].effect",
            "country: FR\\nrules: [{id: a, effect: ALLOW}]|rules[0].to",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['group:no body']}]|rules[0].to[0]",
            "country: FR\\nrules: [{id: '-a', effect: ALLOW, to: ['*']}]|rules[0].id",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: [XX]}]|rules[0].to[0]",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*'], tlp: [PINK]}]|rules[0].tlp[0]",
            "country: FR\\nrules: [{id: a, effect: DELAY, to: ['*'], delay: 1h}]|rules[0].delay",
            "country: FR\\nrules: [{id: a, effect: DELAY, to: ['*']}]|rules[0].delay",
            "country: FR\\nrules: [{id: a, effect: REDACT, to: ['*'], fields: [secret]}]|rules[0].fields[0]",
            "country: FR\\nrules: [{id: a, effect: REDACT, to: ['*']}]|rules[0].fields",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*'], fields: [title]}]|rules[0].fields",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*']}, {id: a, effect: DENY, to: ['*']}]|rules[1].id",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*'], colour: red}]|rules[0].colour",
            "country: FR\\ncoordination: PARTIAL|coordination",
            "country: FR\\nrules: [{id: a, effect: ALLOW, to: ['*'], minSeverity: 4, maxSeverity: 2}]|rules[0].minSeverity",
            "country: FR\\nrules: [{id: a, effect: REDACT, to: ['*'], fields: ['indicators[type=PHONE]']}]|rules[0].fields[0]",
    })
    void shouldRefuseAStructurallyBrokenPolicyNamingTheField(String yaml, String field) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> PolicyDocument.parse(yaml.replace("\\n", "\n"), "FR"));

        assertTrue(e.violations().stream().anyMatch(v -> v.field().equals(field)), e.violations().toString());
    }

    @Test
    void shouldCallUnparseableTextMalformed() {
        assertThrows(MalformedBodyException.class, () -> PolicyDocument.parse("country: [FR", "FR"));
    }
}
