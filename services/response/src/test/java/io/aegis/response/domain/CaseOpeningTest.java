package io.aegis.response.domain;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.kase;
import static io.aegis.response.domain.Fixtures.recipients;
import static io.aegis.response.domain.Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.NotificationKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaseOpeningTest {

    private final CaseWorkflow workflow = Fixtures.workflow();

    @Test
    void shouldOpenCaseAndNotifyPrimariesOfReportingCountriesWhenEscalationReachesSevere() {
        // given a SEVERE escalation reported by three countries
        var escalation = escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE", "JP");

        // when the workflow sees it
        CaseOutcome outcome = workflow.onEscalation(Optional.empty(), escalation, T0);

        // then a case opens, its primaries are asked to acknowledge within 60 minutes
        EmergencyCase kase = kase(outcome);
        assertEquals(CaseIds.caseId(Fixtures.GROUP, 1), kase.getCaseId());
        assertEquals(CaseState.OPEN, kase.getState());
        assertEquals(Tier.SEVERE, kase.getTier());
        assertEquals(List.of("DE", "FR", "JP"), kase.getInvolvedCountries());
        assertEquals(T0.plus(Duration.ofMinutes(60)), kase.getAckDeadline());
        assertEquals(List.of(CaseEventType.OPENED, CaseEventType.NOTIFIED), types(outcome));
        assertEquals(List.of("de-duty-primary", "fr-duty-primary", "jp-duty-primary"), recipients(outcome));
        outcome.notifications().forEach(n -> {
            assertEquals(NotificationKind.CASE_OPENED, n.getKind());
            assertEquals("acknowledge", n.getAsk());
            assertEquals(kase.getAckDeadline(), n.getDeadline());
            assertEquals(n.getOfficerId().substring(0, 2).toUpperCase(), n.getCountry());
            assertTrue(n.getMessage().contains("3 countries reported DEEPFAKE_FRAUD"), n.getMessage());
        });
        assertEquals(List.of("notify-affected-members"), kase.getObligations().stream().map(o -> o.getId()).toList());
    }

    @Test
    void shouldNotOpenCaseBelowTheOpenTier() {
        // given an ELEVATED escalation while cases open at SEVERE
        var escalation = escalation(Tier.ELEVATED, Tier.ADVISORY, "FR", "DE");

        // when / then nothing happens
        assertEquals(CaseOutcome.none(), workflow.onEscalation(Optional.empty(), escalation, T0));
    }

    @Test
    void shouldRaiseOpenCaseToCriticalAndInvolveEveryMember() {
        // given an open SEVERE case that France has acknowledged
        EmergencyCase open = kase(workflow.onEscalation(Optional.empty(), escalation(Tier.SEVERE, null, "FR", "DE"), T0));
        EmergencyCase acked = kase(workflow.onCommand(Optional.of(open), Fixtures.ack(open.getCaseId(), "FR"), "FR", T0));

        // when the group escalates to CRITICAL
        var later = T0.plus(Duration.ofMinutes(5));
        CaseOutcome outcome = workflow.onEscalation(Optional.of(acked), escalation(Tier.CRITICAL, Tier.SEVERE, "FR", "DE"), later);

        // then the same case is raised, every member is asked to acknowledge within 15 minutes
        EmergencyCase raised = kase(outcome);
        assertEquals(open.getCaseId(), raised.getCaseId());
        assertEquals(Tier.CRITICAL, raised.getTier());
        assertEquals(Fixtures.MEMBERS, raised.getInvolvedCountries().stream().sorted().toList());
        assertTrue(raised.getAcknowledgements().isEmpty(), "a raise starts a fresh acknowledgement round");
        assertEquals(later.plus(Duration.ofMinutes(15)), raised.getAckDeadline());
        assertEquals(List.of(CaseEventType.TIER_RAISED, CaseEventType.NOTIFIED), types(outcome));
        assertEquals(List.of("br-duty-primary", "de-duty-primary", "fr-duty-primary", "jp-duty-primary", "ke-duty-primary"),
                recipients(outcome));
        assertTrue(outcome.notifications().stream().allMatch(n -> n.getKind() == NotificationKind.TIER_RAISED));
    }

    @Test
    void shouldNeverLowerTierFromAnEscalation() {
        // given an open CRITICAL case
        EmergencyCase open = kase(workflow.onEscalation(Optional.empty(), escalation(Tier.CRITICAL, null, "FR"), T0));

        // when a SEVERE escalation of the same group arrives with a new signal
        CaseOutcome outcome = workflow.onEscalation(Optional.of(open), escalation(Tier.SEVERE, null, "FR"), T0.plusSeconds(60));

        // then the tier stays CRITICAL; only the new signal is recorded
        assertEquals(Tier.CRITICAL, kase(outcome).getTier());
        assertEquals(List.of(CaseEventType.OTHER), types(outcome));
        assertEquals(2, kase(outcome).getSignalIds().size());
        assertTrue(outcome.notifications().isEmpty());
    }

    @Test
    void shouldNotifyPrimaryOfCountryJoiningAnOpenCase() {
        // given an open SEVERE case of FR and DE
        EmergencyCase open = kase(workflow.onEscalation(Optional.empty(), escalation(Tier.SEVERE, null, "FR", "DE"), T0));

        // when a same-tier escalation names JP too
        CaseOutcome outcome = workflow.onEscalation(Optional.of(open), escalation(Tier.SEVERE, null, "FR", "DE", "JP"),
                T0.plusSeconds(60));

        // then JP joins and only JP's primary is told
        assertEquals(List.of("DE", "FR", "JP"), kase(outcome).getInvolvedCountries());
        assertEquals(List.of("jp-duty-primary"), recipients(outcome));
    }

    @Test
    void shouldOpenSecondCaseForGroupWhoseCaseWasResolved() {
        // given a resolved case of the group
        EmergencyCase resolved = kase(workflow.onEscalation(Optional.empty(), escalation(Tier.SEVERE, null, "FR"), T0));
        resolved.setState(CaseState.RESOLVED);

        // when the group escalates again
        CaseOutcome outcome = workflow.onEscalation(Optional.of(resolved), escalation(Tier.SEVERE, null, "FR"), T0.plusSeconds(60));

        // then a new case with the next number opens, with its own chain
        assertEquals(CaseIds.caseId(Fixtures.GROUP, 2), kase(outcome).getCaseId());
        assertEquals(1, outcome.events().get(0).getSequence());
        assertEquals("", outcome.events().get(0).getPrevHash());
    }

    @Test
    void shouldStartCriticalInfrastructureObligationsOnlyForSuchCases() {
        // given an escalation touching the energy sector
        var escalation = Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE");

        // when it opens a case
        EmergencyCase kase = kase(workflow.onEscalation(Optional.empty(), escalation, T0));

        // then each reporting country's initial-report clock runs as well, due two days after assessment
        assertEquals(List.of("notify-affected-members", "initial-report/DE", "initial-report/FR"),
                ObligationTracker.labels(kase.getObligations()));
        assertEquals(T0.plus(Duration.ofDays(2)), kase.getObligations().get(1).getDueAt());
    }
}
