package io.aegis.response.domain;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.kase;
import static io.aegis.response.domain.Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.Obligation;
import io.aegis.schema.response.ObligationState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObligationTest {

    private final CaseWorkflow workflow = Fixtures.workflow();

    private EmergencyCase acknowledgedCriticalInfrastructureCase() {
        EmergencyCase kase = kase(workflow.onEscalation(Optional.empty(),
                Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE"), T0));
        for (String country : List.of("FR", "DE")) {
            kase = kase(workflow.onCommand(Optional.of(kase), Fixtures.ack(kase.getCaseId(), country), country, T0.plusSeconds(5)));
        }
        return kase;
    }

    private static Obligation obligation(EmergencyCase kase, String id) {
        return obligation(kase, id, null);
    }

    private static Obligation obligation(EmergencyCase kase, String id, String country) {
        return kase.getObligations().stream().filter(o -> o.getId().equals(id) && Objects.equals(o.getCountry(), country))
                .findFirst().orElseThrow();
    }

    @Test
    void shouldMeetNotifyObligationWhenEveryCountryAcknowledged() {
        EmergencyCase kase = acknowledgedCriticalInfrastructureCase();

        assertEquals(ObligationState.MET, obligation(kase, "notify-affected-members").getState());
        assertEquals(ObligationState.PENDING, obligation(kase, "initial-report", "DE").getState());
        assertEquals(ObligationState.PENDING, obligation(kase, "initial-report", "FR").getState());
        assertEquals(Optional.of(T0.plus(Duration.ofDays(2)).minus(Duration.ofHours(12))), workflow.nextDue(kase));
    }

    @Test
    void shouldRemindBeforeTheReportIsDueAndWarnWhenOverdue() {
        // given an acknowledged case whose initial report is due in two days
        EmergencyCase kase = acknowledgedCriticalInfrastructureCase();
        var due = T0.plus(Duration.ofDays(2));

        // when the reminder time comes
        CaseOutcome soon = workflow.onTick(kase, due.minus(Duration.ofHours(12)));

        // then each reporting country's officer is reminded of its own report, what is asked and by when
        assertEquals(List.of(CaseEventType.OBLIGATION_DUE_SOON, CaseEventType.NOTIFIED,
                CaseEventType.OBLIGATION_DUE_SOON, CaseEventType.NOTIFIED), types(soon));
        assertEquals(List.of("de-duty-primary", "fr-duty-primary"), Fixtures.recipients(soon));
        assertTrue(soon.notifications().stream().allMatch(n -> n.getKind() == NotificationKind.OBLIGATION_DUE
                && n.getDeadline().equals(due) && n.getAsk().contains("#initial-report")));
        assertEquals(Optional.of(due), workflow.nextDue(kase(soon)));

        // and when the due time passes, the obligation is overdue and officers are told again
        CaseOutcome overdue = workflow.onTick(kase(soon), due);
        assertEquals(List.of(CaseEventType.OBLIGATION_OVERDUE, CaseEventType.NOTIFIED,
                CaseEventType.OBLIGATION_OVERDUE, CaseEventType.NOTIFIED), types(overdue));
        assertEquals(ObligationState.OVERDUE, obligation(kase(overdue), "initial-report", "DE").getState());
        assertEquals(Optional.empty(), workflow.nextDue(kase(overdue)));
    }

    @Test
    void shouldMeetReportObligationByTaggedCommentEvenLate() {
        // given an overdue initial report
        EmergencyCase kase = acknowledgedCriticalInfrastructureCase();
        kase = kase(workflow.onTick(kase, T0.plus(Duration.ofDays(3))));

        // when France files it
        CaseOutcome outcome = workflow.onCommand(Optional.of(kase),
                Fixtures.comment(kase.getCaseId(), "FR", "#initial-report sent to the commission"), "FR", T0.plus(Duration.ofDays(3)));

        // then France's is met, and the record says it was late; Germany's is still overdue
        assertEquals(List.of(CaseEventType.COMMENTED, CaseEventType.OBLIGATION_MET), types(outcome));
        assertEquals("true", outcome.events().get(1).getAttributes().get("late"));
        assertEquals("FR", outcome.events().get(1).getAttributes().get("country"));
        assertEquals(ObligationState.MET, obligation(kase(outcome), "initial-report", "FR").getState());
        assertEquals(ObligationState.OVERDUE, obligation(kase(outcome), "initial-report", "DE").getState());
    }
}
