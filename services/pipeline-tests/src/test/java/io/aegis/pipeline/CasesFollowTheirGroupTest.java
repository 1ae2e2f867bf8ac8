package io.aegis.pipeline;

import static io.aegis.testsupport.fixtures.CoordinationSignals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.VoteChoice;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.testsupport.fixtures.CoordinationSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No incident is swallowed (escalation + response, shipped rules): a second campaign in the same
 * category × sector opens its own case; a later report with the first campaign's indicator joins the
 * first case, adds its country and tells it; update notices to officers already on the case are
 * coalesced; once the first case is resolved, the same campaign reported again opens a new case.
 */
class CasesFollowTheirGroupTest {

    private final CaseChain chain = new CaseChain(T0);

    @AfterEach
    void close() {
        chain.close();
    }

    @Test
    void shouldGiveEachIncidentItsOwnCaseAndGrowTheCaseOfTheIncidentAReportBelongsTo() {
        // given: three countries report an attack on ENERGY (campaign grid-a, one shared domain): a SEVERE case opens
        chain.report(attack("a1", "FR", "grid-a", "a.example"), T0)
                .report(attack("a2", "DE", "grid-a", "a.example"), at(1))
                .report(attack("a3", "JP", "grid-a", "a.example"), at(2));
        assertThat(chain.cases()).hasSize(1);
        EmergencyCase first = chain.cases().get(0);
        assertThat(first.getTier()).isEqualTo(Tier.SEVERE);
        assertThat(first.getTitle()).startsWith("Critical-infrastructure attack on ENERGY, 3 countries reporting");

        // when: three countries report a different campaign on ENERGY, with other indicators
        chain.report(attack("b1", "BR", "grid-b", "b.example"), at(10))
                .report(attack("b2", "KE", "grid-b", "b.example"), at(11))
                .report(attack("b3", "FR", "grid-b", "b.example"), at(12));

        // then: it gets a case of its own, and the first case does not list its reports
        assertThat(chain.cases()).hasSize(2);
        EmergencyCase second = latest(chain.cases().get(1).getCaseId());
        assertThat(second.getCorrelationKey()).isNotEqualTo(first.getCorrelationKey());
        assertThat(second.getSignalIds()).containsExactlyInAnyOrder("b1", "b2", "b3");
        assertThat(latest(first.getCaseId()).getSignalIds()).containsExactlyInAnyOrder("a1", "a2", "a3");
        assertThat(notified("BR", second.getCaseId(), NotificationKind.CASE_OPENED)).isNotEmpty();

        // when: KE reports the first campaign's domain (no campaign label), later
        chain.report(sighting("a4", "KE", "a.example"), at(20));

        // then: the first case lists it, KE takes part and is told, and the officers already on it get an update
        EmergencyCase grown = latest(first.getCaseId());
        assertThat(grown.getSignalIds()).contains("a4");
        assertThat(grown.getInvolvedCountries()).contains("KE");
        assertThat(notified("KE", first.getCaseId(), NotificationKind.CASE_OPENED)).isNotEmpty();
        for (String country : List.of("FR", "DE", "JP")) {
            assertThat(notified(country, first.getCaseId(), NotificationKind.CASE_UPDATED)).as(country).hasSize(1);
        }
        assertThat(latest(second.getCaseId()).getSignalIds()).doesNotContain("a4");

        // when: BR reports it too, ten seconds later (within the update interval), sharing it with FR only
        chain.report(CoordinationSignal.newBuilder(sighting("a5", "BR", "a.example")).setAttribution(Attribution.COUNTRY)
                .setAudience(List.of(new Delivery("FR", null))).build(), at(20).plusSeconds(10));

        // then: nobody is told yet; when the interval ends, one coalesced update goes out
        assertThat(notified("FR", first.getCaseId(), NotificationKind.CASE_UPDATED)).hasSize(1);
        assertThat(latest(first.getCaseId()).getSignalIds()).contains("a5");
        chain.advanceTo(at(21).plusSeconds(1));
        List<Notification> updates = notified("FR", first.getCaseId(), NotificationKind.CASE_UPDATED);
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).getMessage()).contains("1 new signal(s): a5", "countries joined: BR");
        // (DE may not know of BR's report: it is told that one signal came and one country joined, not which)
        List<Notification> toDe = notified("DE", first.getCaseId(), NotificationKind.CASE_UPDATED);
        assertThat(toDe).hasSize(2);
        assertThat(toDe.get(1).getMessage()).doesNotContain("signal(s): a5", "BR")
                .contains("1 new signal(s), 1 from members who did not share them with you", "countries joined: 1 not named to you");
    }

    @Test
    void shouldOpenANewCaseForTheSameCampaignReportedAfterItsCaseWasResolved() {
        // given: a SEVERE case for grid-a, resolved by vote of the countries taking part
        chain.report(attack("a1", "FR", "grid-a", "a.example"), T0)
                .report(attack("a2", "DE", "grid-a", "a.example"), at(1))
                .report(attack("a3", "JP", "grid-a", "a.example"), at(2));
        String caseId = chain.cases().get(0).getCaseId();
        chain.command(command(caseId, "FR", CommandType.RESOLVE, null)
                .setText("grid operators restored control").build());
        String actionId = latest(caseId).getActions().get(0).getActionId();
        chain.command(command(caseId, "DE", CommandType.VOTE, actionId).setVote(VoteChoice.YES).build());
        chain.command(command(caseId, "JP", CommandType.VOTE, actionId).setVote(VoteChoice.YES).build());
        assertThat(latest(caseId).getState()).isEqualTo(CaseState.RESOLVED);

        // when: the same campaign is reported again by three countries, an hour later
        chain.report(attack("c1", "BR", "grid-a", "a.example"), at(60))
                .report(attack("c2", "KE", "grid-a", "a.example"), at(61))
                .report(attack("c3", "FR", "grid-a", "a.example"), at(62));

        // then: a new case opens for the new incident, and the resolved case stays as it was
        assertThat(chain.cases()).hasSize(2);
        EmergencyCase reopened = chain.cases().get(1);
        assertThat(reopened.getCaseId()).isNotEqualTo(caseId);
        assertThat(reopened.getState()).isEqualTo(CaseState.OPEN);
        assertThat(reopened.getSignalIds()).containsExactlyInAnyOrder("c1", "c2", "c3");
        assertThat(latest(caseId).getSignalIds()).containsExactlyInAnyOrder("a1", "a2", "a3");
        assertThat(notified("BR", reopened.getCaseId(), NotificationKind.CASE_OPENED)).isNotEmpty();
    }

    private EmergencyCase latest(String caseId) {
        return chain.cases().stream().filter(c -> c.getCaseId().equals(caseId)).findFirst().orElseThrow();
    }

    private List<Notification> notified(String country, String caseId, NotificationKind kind) {
        return chain.notifications(country).stream().filter(n -> caseId.equals(n.getCaseId()) && n.getKind() == kind).toList();
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** A severity-5 attack on ENERGY, of a campaign, with one domain. */
    private static CoordinationSignal attack(String id, String country, String campaign, String domain) {
        return CoordinationSignals.indicator(id, country, domain, 5).setCategory(Category.CRITICAL_INFRASTRUCTURE_ATTACK)
                .setSectors(List.of(Sector.ENERGY)).setCampaignId(campaign).build();
    }

    /** A report of a domain seen in an attack on ENERGY, without a campaign label. */
    private static CoordinationSignal sighting(String id, String country, String domain) {
        return CoordinationSignals.indicator(id, country, domain, 3).setCategory(Category.CRITICAL_INFRASTRUCTURE_ATTACK)
                .setSectors(List.of(Sector.ENERGY)).setIndicators(List.of(new Indicator(IndicatorType.DOMAIN, domain))).build();
    }

    private CaseCommand.Builder command(String caseId, String country, CommandType type, String actionId) {
        return CaseCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setCaseId(caseId).setCountry(country)
                .setOfficerId(country.toLowerCase() + "-duty-primary").setType(type).setIssuedAt(chain.now())
                .setActionId(actionId);
    }
}
