package io.aegis.response.domain;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.kase;
import static io.aegis.response.domain.Fixtures.recipients;
import static io.aegis.response.domain.Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseOutcomeFlag;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.Obligation;
import io.aegis.schema.response.ObligationState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The regulatory clocks shipped as configuration (EU AI Act Art. 73: 2 days for critical
 * infrastructure or a widespread infringement, 10 days for a death, 15 days otherwise; an IHR-style
 * 24-hour notification): which cases they select, whose clock each is, and whose report meets it.
 */
class RegulatoryClockTest {

    private final CaseWorkflow workflow = new CaseWorkflow(Fixtures.regulatoryClocks(), Fixtures.rosters(), Fixtures.MEMBERS);

    private EmergencyCase open(Escalation escalation) {
        return kase(workflow.onEscalation(Optional.empty(), escalation, T0));
    }

    private EmergencyCase comment(EmergencyCase kase, String country, String text, Instant at) {
        return kase(workflow.onCommand(Optional.of(kase), Fixtures.comment(kase.getCaseId(), country, text), country, at));
    }

    private static Obligation clock(EmergencyCase kase, String id, String country) {
        return kase.getObligations().stream().filter(o -> o.getId().equals(id) && Objects.equals(o.getCountry(), country))
                .findFirst().orElseThrow(() -> new AssertionError("no clock " + id + " of " + country));
    }

    @Test
    void shouldStartTheTwoDayClockForEachReportingCountryOfACaseOnACriticalSector() {
        EmergencyCase kase = open(Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE"));

        assertEquals(List.of("notify-affected-members", "art73-critical-infrastructure/DE", "art73-critical-infrastructure/FR",
                "art73-serious-incident/DE", "art73-serious-incident/FR"), ObligationTracker.labels(kase.getObligations()));
        assertEquals(T0.plus(Duration.ofDays(2)), clock(kase, "art73-critical-infrastructure", "DE").getDueAt());
        assertEquals(T0.plus(Duration.ofDays(2)), clock(kase, "art73-critical-infrastructure", "FR").getDueAt());
    }

    @Test
    void shouldApplyOnlyTheFifteenDayClockToAnyOtherSeriousIncident() {
        EmergencyCase kase = open(Fixtures.escalation(Tier.SEVERE, null, "FR", "DE"));

        assertEquals(List.of("notify-affected-members", "art73-serious-incident/DE", "art73-serious-incident/FR"),
                ObligationTracker.labels(kase.getObligations()));
        assertEquals(T0.plus(Duration.ofDays(15)), clock(kase, "art73-serious-incident", "FR").getDueAt());
    }

    @Test
    void shouldStartTheIhrNotificationOnlyOnHealthCases() {
        Escalation health = Fixtures.escalation(Tier.SEVERE, null, "KE");
        health.setCriticalSectors(List.of(Sector.HEALTH));

        EmergencyCase kase = open(health);

        assertEquals(T0.plus(Duration.ofHours(24)), clock(kase, "ihr-notification", "KE").getDueAt());
    }

    @Test
    void shouldStartTheTenDayClockWhenADeathIsRecordedCountedFromThen() {
        // given a case with only the 15-day clock running
        EmergencyCase kase = open(Fixtures.escalation(Tier.SEVERE, null, "FR", "DE"));
        Instant recorded = T0.plus(Duration.ofHours(30));

        // when Germany's officer records a death
        CaseOutcome outcome = workflow.onCommand(Optional.of(kase),
                Fixtures.comment(kase.getCaseId(), "DE", "#outcome:death confirmed by the hospital"), "DE", recorded);

        // then the flag is on the case, and each reporting country's 10-day clock runs from now, each told of its own
        EmergencyCase after = kase(outcome);
        assertEquals(List.of(CaseOutcomeFlag.DEATH), after.getOutcomes());
        assertEquals(List.of(CaseEventType.COMMENTED, CaseEventType.OTHER, CaseEventType.NOTIFIED, CaseEventType.NOTIFIED),
                types(outcome));
        assertEquals("DEATH", outcome.events().get(1).getAttributes().get("outcome"));
        assertEquals("art73-death/DE,art73-death/FR", outcome.events().get(1).getAttributes().get("obligationsStarted"));
        assertEquals(recorded.plus(Duration.ofDays(10)), clock(after, "art73-death", "DE").getDueAt());
        assertEquals(recorded.plus(Duration.ofDays(10)), clock(after, "art73-death", "FR").getDueAt());
        assertEquals(List.of("de-duty-primary", "fr-duty-primary"), recipients(outcome));
        assertTrue(outcome.notifications().stream().allMatch(n -> n.getKind() == NotificationKind.OBLIGATION_DUE
                && n.getAsk().contains("#art73-death") && n.getDeadline().equals(recorded.plus(Duration.ofDays(10)))));
    }

    @Test
    void shouldRecordAnOutcomeOnceAndStartNothingTwice() {
        EmergencyCase kase = comment(open(Fixtures.escalation(Tier.SEVERE, null, "FR", "DE")), "DE", "#outcome:WIDESPREAD",
                T0.plusSeconds(60));

        CaseOutcome again = workflow.onCommand(Optional.of(kase),
                Fixtures.comment(kase.getCaseId(), "FR", "#outcome:WIDESPREAD across four members"), "FR", T0.plusSeconds(120));

        assertEquals(List.of(CaseEventType.COMMENTED), types(again));
        assertEquals(kase.getObligations(), kase(again).getObligations());
        assertEquals(List.of(CaseOutcomeFlag.WIDESPREAD), kase(again).getOutcomes());
    }

    @Test
    void shouldRefuseAnOutcomeThatIsNotAFlagNamingTheFieldAndTheRule() {
        EmergencyCase kase = open(Fixtures.escalation(Tier.SEVERE, null, "FR", "DE"));

        for (String written : List.of("MAIMED", "OTHER")) {
            CaseOutcome outcome = workflow.onCommand(Optional.of(kase),
                    Fixtures.comment(kase.getCaseId(), "FR", "#outcome:" + written + " somewhere"), "FR", T0.plusSeconds(60));

            String reason = "text: #outcome:<flag> must name one of [DEATH, SERIOUS_HARM, WIDESPREAD,"
                    + " CRITICAL_INFRASTRUCTURE_DISRUPTION], got '" + written + "'";
            assertEquals(List.of(CaseEventType.COMMAND_REJECTED), types(outcome));
            assertEquals(reason, outcome.events().get(0).getDetail());
            assertEquals(List.of(reason), outcome.notifications().stream().map(n -> n.getMessage()).toList());
            assertEquals(List.of(), kase(outcome).getOutcomes());
        }
    }

    @Test
    void shouldMeetACountrysClockOnlyWithItsOwnReport() {
        EmergencyCase kase = open(Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE"));

        // France's report does not meet Germany's clock
        kase = comment(kase, "FR", "#art73-critical-infrastructure filed, ref FR-2026-7", T0.plus(Duration.ofHours(3)));
        assertEquals(ObligationState.MET, clock(kase, "art73-critical-infrastructure", "FR").getState());
        assertEquals(ObligationState.PENDING, clock(kase, "art73-critical-infrastructure", "DE").getState());

        // Germany's own report does
        kase = comment(kase, "DE", "#art73-critical-infrastructure filed", T0.plus(Duration.ofHours(4)));
        assertEquals(ObligationState.MET, clock(kase, "art73-critical-infrastructure", "DE").getState());
        assertEquals(ObligationState.PENDING, clock(kase, "art73-serious-incident", "DE").getState());
    }

    @Test
    void shouldRemindAndWarnOnlyTheObligatedCountry() {
        // given an acknowledged case on which France filed its 2-day report and Germany did not
        EmergencyCase kase = open(Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE"));
        for (String country : List.of("FR", "DE")) {
            kase = kase(workflow.onCommand(Optional.of(kase), Fixtures.ack(kase.getCaseId(), country), country, T0.plusSeconds(5)));
        }
        kase = comment(kase, "FR", "#art73-critical-infrastructure filed", T0.plus(Duration.ofHours(1)));

        // when the reminder and then the due time come
        CaseOutcome soon = workflow.onTick(kase, T0.plus(Duration.ofDays(2)).minus(Duration.ofHours(12)));
        CaseOutcome overdue = workflow.onTick(kase(soon), T0.plus(Duration.ofDays(2)));

        // then only Germany's officer hears of it, each time
        assertEquals(List.of(CaseEventType.OBLIGATION_DUE_SOON, CaseEventType.NOTIFIED), types(soon));
        assertEquals(List.of("de-duty-primary"), recipients(soon));
        assertEquals(List.of(CaseEventType.OBLIGATION_OVERDUE, CaseEventType.NOTIFIED), types(overdue));
        assertEquals(List.of("de-duty-primary"), recipients(overdue));
        assertEquals("DE", overdue.events().get(0).getAttributes().get("country"));
        assertEquals(ObligationState.OVERDUE, clock(kase(overdue), "art73-critical-infrastructure", "DE").getState());
    }

    @Test
    void shouldStartTheClockOfACountryThatStartsReportingLaterFromWhenItJoins() {
        // given an energy case of France and Germany; the group's later figures no longer name the sector
        EmergencyCase kase = open(Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE"));
        Instant joined = T0.plus(Duration.ofHours(5));
        Escalation update = Fixtures.groupUpdate(Tier.SEVERE,
                Fixtures.fact("sig-jp", "JP", Attribution.COUNTRY, "FR", "DE"), "FR", "DE", "JP");

        // when Japan reports on the case
        EmergencyCase after = kase(workflow.onEscalation(Optional.of(kase), update, joined));

        // then Japan's clocks run from now, the others' are unchanged: the incident already qualified
        assertEquals(joined.plus(Duration.ofDays(2)), clock(after, "art73-critical-infrastructure", "JP").getDueAt());
        assertEquals(joined.plus(Duration.ofDays(15)), clock(after, "art73-serious-incident", "JP").getDueAt());
        assertEquals(T0.plus(Duration.ofDays(2)), clock(after, "art73-critical-infrastructure", "FR").getDueAt());
    }

    @Test
    void shouldShowAMemberOnlyItsOwnAndTheCaseWideClocks() {
        // a member's copy must not reveal, through another country's clock, a reporter it may not know
        EmergencyCase kase = open(Fixtures.criticalInfrastructure(Tier.CRITICAL, "FR", "DE"));

        assertEquals(List.of("notify-affected-members", "art73-critical-infrastructure/FR", "art73-serious-incident/FR"),
                ObligationTracker.labels(CaseCopies.forMember(kase, "FR").getObligations()));
        assertEquals(List.of("notify-affected-members"),
                ObligationTracker.labels(CaseCopies.forMember(kase, "KE").getObligations()));
    }

    @Test
    void shouldKeepACaseWideClockOfAnOlderRecordAndLetAnyInvolvedCountryMeetIt() {
        // a case recorded before clocks were per country has one clock for the case
        EmergencyCase kase = open(Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE"));
        kase.setObligations(List.of(new Obligation("art73-critical-infrastructure", "Art. 73", T0.plus(Duration.ofDays(2)),
                ObligationState.PENDING, null)));

        EmergencyCase after = kase(workflow.onEscalation(Optional.of(kase),
                Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE", "JP"), T0.plusSeconds(60)));
        after = comment(after, "DE", "#art73-critical-infrastructure filed", T0.plusSeconds(120));

        assertEquals(ObligationState.MET, clock(after, "art73-critical-infrastructure", null).getState());
        assertTrue(after.getObligations().stream().noneMatch(o -> o.getId().equals("art73-critical-infrastructure")
                && o.getCountry() != null));
    }
}
