package io.aegis.response.domain;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.ack;
import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.kase;
import static io.aegis.response.domain.Fixtures.recipients;
import static io.aegis.response.domain.Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.NotificationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AckDeadlineTest {

    private static final Duration HOUR = Duration.ofMinutes(60);

    private final CaseWorkflow workflow = new CaseWorkflow(ResponseSettings.defaults(), Fixtures.rosters(), Fixtures.MEMBERS);

    private EmergencyCase openSevereCase() {
        return kase(workflow.onEscalation(Optional.empty(), escalation(Tier.SEVERE, null, "FR", "DE", "JP"), T0));
    }

    @Test
    void shouldDoNothingBeforeTheDeadline() {
        // given an open case
        EmergencyCase kase = openSevereCase();

        // when time moves to one second before its deadline
        CaseOutcome outcome = workflow.onTick(kase, T0.plus(HOUR).minusSeconds(1));

        // then nothing happens
        assertEquals(CaseOutcome.none(), outcome);
        assertEquals(Optional.of(T0.plus(HOUR)), workflow.nextDue(kase));
    }

    @Test
    void shouldNotifyBackupsOfSilentCountriesWhenTheDeadlinePasses() {
        // given an open case that only France acknowledged
        EmergencyCase kase = kase(workflow.onCommand(Optional.of(openSevereCase()), ack(CaseIds.caseId(Fixtures.GROUP, 1), "FR"),
                "FR", T0.plusSeconds(30)));

        // when the 60-minute deadline passes
        Instant deadline = T0.plus(HOUR);
        CaseOutcome outcome = workflow.onTick(kase, deadline);

        // then DE and JP backups are asked, with a fresh deadline, and every step is an event
        assertEquals(List.of(CaseEventType.ACK_OVERDUE, CaseEventType.REESCALATED, CaseEventType.NOTIFIED), types(outcome));
        assertEquals(List.of("de-duty-backup", "jp-duty-backup"), recipients(outcome));
        assertTrue(outcome.notifications().stream().allMatch(n -> n.getKind() == NotificationKind.REESCALATED
                && n.getEscalationLevel() == 1 && n.getDeadline().equals(deadline.plus(HOUR))));
        assertEquals(1, kase(outcome).getEscalationLevel());
        assertEquals(deadline.plus(HOUR), kase(outcome).getAckDeadline());
    }

    @Test
    void shouldReachTheNextRosterLevelWhenBackupsStaySilent() {
        // given a case already re-escalated to the backups
        EmergencyCase backups = kase(workflow.onTick(openSevereCase(), T0.plus(HOUR)));

        // when the backups' deadline passes too
        CaseOutcome outcome = workflow.onTick(backups, T0.plus(HOUR).plus(HOUR));

        // then the duty leads are asked
        assertEquals(List.of("de-duty-lead", "fr-duty-lead", "jp-duty-lead"), recipients(outcome));
        assertEquals(2, kase(outcome).getEscalationLevel());
    }

    @Test
    void shouldKeepAskingTheLastLevelSoTheCaseNeverStallsSilently() {
        // given a case whose whole roster stayed silent
        EmergencyCase kase = openSevereCase();
        for (int round = 1; round <= 3; round++) {
            kase = kase(workflow.onTick(kase, T0.plus(HOUR.multipliedBy(round))));
        }

        // when the next deadline passes
        CaseOutcome outcome = workflow.onTick(kase, T0.plus(HOUR.multipliedBy(4)));

        // then the leads are asked again and the overdue round is recorded
        assertEquals(List.of("de-duty-lead", "fr-duty-lead", "jp-duty-lead"), recipients(outcome));
        assertEquals(CaseEventType.ACK_OVERDUE, outcome.events().get(0).getType());
        assertEquals(4, kase(outcome).getEscalationLevel());
    }

    @Test
    void shouldStopTheClockOnceEveryInvolvedCountryAcknowledged() {
        // given an open case
        EmergencyCase kase = openSevereCase();

        // when all three countries acknowledge
        for (String country : List.of("FR", "DE", "JP")) {
            kase = kase(workflow.onCommand(Optional.of(kase), ack(kase.getCaseId(), country), country, T0.plusSeconds(60)));
        }

        // then the case is acknowledged, has no deadline, and time does nothing to it
        assertEquals(CaseState.ACKNOWLEDGED, kase.getState());
        assertNull(kase.getAckDeadline());
        assertEquals(Optional.empty(), workflow.nextDue(kase));
        assertEquals(CaseOutcome.none(), workflow.onTick(kase, T0.plus(Duration.ofDays(30))));
    }

    @Test
    void shouldAddressLaterNotificationsToTheOfficerWhoAcknowledged() {
        // given a case the French backup acknowledged after re-escalation
        EmergencyCase kase = kase(workflow.onTick(openSevereCase(), T0.plus(HOUR)));
        var frBackupAck = ack(kase.getCaseId(), "FR");
        frBackupAck.setOfficerId("fr-duty-backup");
        kase = kase(workflow.onCommand(Optional.of(kase), frBackupAck, "FR", T0.plus(HOUR).plusSeconds(10)));

        // when DE proposes a joint action
        CaseOutcome outcome = workflow.onCommand(Optional.of(kase),
                Fixtures.propose(kase.getCaseId(), "DE", io.aegis.schema.response.ActionType.HALT_DEPLOYMENT), "DE",
                T0.plus(HOUR).plusSeconds(20));

        // then France's vote request goes to the backup who took the case, JP's to its current level
        assertEquals(List.of("fr-duty-backup", "jp-duty-backup"), recipients(outcome));
    }
}
