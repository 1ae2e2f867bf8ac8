package io.aegis.router.domain;

import io.aegis.policy.Members;
import io.aegis.policy.PolicyDocument;
import io.aegis.policy.PolicyValidator;
import static io.aegis.router.domain.Fixtures.NOW;
import static io.aegis.router.domain.Fixtures.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.SignalContent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private final Members members = Fixtures.demoMembers();
    private final SharingPolicy policy = new PolicyValidator(members)
            .requireValid(PolicyDocument.parse(Fixtures.ARCHITECTURE_POLICY, NOW, "test"));

    @Test
    void shouldDecideForEveryMemberButTheOrigin() {
        RoutingPlan plan = PolicyEngine.evaluate("FR", content(Tlp.GREEN), policy, members, NOW);

        assertEquals(List.of("BR", "DE", "JP", "KE"), plan.decisions().stream().map(DestinationDecision::destination).toList());
    }

    @Test
    void shouldDeliverGreenToEveryoneWithRedactionOutsideTrustedAndEmbargoForBrazil() {
        RoutingPlan plan = PolicyEngine.evaluate("FR", content(Tlp.GREEN), policy, members, NOW);

        assertEquals(Outcome.DELIVER, plan.decisionFor("DE").outcome());
        assertEquals(List.of("share-green"), plan.decisionFor("DE").ruleIds());
        DestinationDecision ke = plan.decisionFor("KE");
        assertEquals(Outcome.DELIVER_REDACTED, ke.outcome());
        assertEquals(List.of("description", "indicators[type=EMAIL]"), ke.redactedFields());
        assertEquals(List.of("share-green", "strip-personal-data"), ke.ruleIds());
        DestinationDecision br = plan.decisionFor("BR");
        assertEquals(Outcome.DELAY, br.outcome());
        assertEquals(NOW.plus(Duration.ofHours(1)), br.deliverAt());
        assertEquals(List.of("share-green", "strip-personal-data", "embargo-br"), br.ruleIds());
    }

    @Test
    void shouldWithholdAmberSignalFromCountryOutsideGroup() {
        RoutingPlan plan = PolicyEngine.evaluate("FR", content(Tlp.AMBER), policy, members, NOW);

        assertEquals(Outcome.DELIVER, plan.decisionFor("DE").outcome());
        assertEquals(Outcome.DELIVER, plan.decisionFor("JP").outcome());
        assertEquals(Outcome.WITHHOLD, plan.decisionFor("KE").outcome());
        assertTrue(plan.decisionFor("KE").reason().contains("default deny"), plan.decisionFor("KE").reason());
        assertEquals(List.of(), plan.decisionFor("KE").ruleIds());
    }

    @Test
    void shouldLetDenyWinOverAllow() {
        SignalContent elections = SignalContent.newBuilder(content(Tlp.GREEN)).setSectors(List.of(Sector.ELECTIONS)).build();

        DestinationDecision jp = PolicyEngine.evaluate("FR", elections, policy, members, NOW).decisionFor("JP");

        assertEquals(Outcome.WITHHOLD, jp.outcome());
        assertEquals(List.of("no-election-signals-to-jp"), jp.ruleIds());
    }

    @Test
    void shouldSendRedSignalOnlyToListedRecipientsThatARuleAllows() {
        RoutingPlan plan = PolicyEngine.evaluate("FR", content(Tlp.RED, List.of("DE", "KE")), policy, members, NOW);

        assertEquals(Outcome.DELIVER, plan.decisionFor("DE").outcome());
        assertEquals(Outcome.WITHHOLD, plan.decisionFor("JP").outcome(), "JP is trusted but not listed");
        assertEquals(Outcome.WITHHOLD, plan.decisionFor("KE").outcome(), "KE is listed but no rule allows RED to it");
    }

    @Test
    void shouldWithholdEverythingWhenOriginHasNoPolicy() {
        RoutingPlan plan = PolicyEngine.evaluate("FR", content(Tlp.CLEAR), null, members, NOW);

        assertEquals(0, plan.policyVersion());
        assertTrue(plan.delivered().isEmpty());
    }

    @Test
    void shouldNotLetAnAllowRuleWithoutTlpListReleaseAmber() {
        SharingPolicy open = PolicyDocument.parse("""
                country: FR
                rules:
                  - {id: all, effect: ALLOW, to: ["*"]}
                """, NOW, "test");

        RoutingPlan plan = PolicyEngine.evaluate("FR", content(Tlp.AMBER), open, members, NOW);

        assertTrue(plan.delivered().isEmpty());
        assertEquals(4, PolicyEngine.evaluate("FR", content(Tlp.GREEN), open, members, NOW).delivered().size());
    }

    @Test
    void shouldApplySeverityAndCategoryFilters() {
        SharingPolicy filtered = PolicyDocument.parse("""
                country: FR
                rules:
                  - {id: severe-fraud, effect: ALLOW, to: [DE], categories: [DEEPFAKE_FRAUD], minSeverity: 5}
                  - {id: any-fraud, effect: ALLOW, to: [JP], categories: [DEEPFAKE_FRAUD], maxSeverity: 4}
                """, NOW, "test");

        RoutingPlan plan = PolicyEngine.evaluate("FR", content(Tlp.GREEN), filtered, members, NOW);

        assertEquals(Outcome.WITHHOLD, plan.decisionFor("DE").outcome());
        assertEquals(Outcome.DELIVER, plan.decisionFor("JP").outcome());
        assertNull(plan.decisionFor("JP").deliverAt());
    }
}
