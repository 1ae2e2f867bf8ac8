package io.aegis.response.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.ChainVerification;
import io.aegis.kafka.crypto.HashChain;
import io.aegis.response.domain.CaseIds;
import io.aegis.response.domain.Fixtures;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.VoteChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regulatory clocks through the whole topology: the wall-clock punctuator reminds and warns about
 * an obligation even after its case is resolved, since reports are due whatever the case's state.
 */
class ObligationTopologyTest {

    private static final String CASE_ID = CaseIds.caseId(Fixtures.GROUP, 1);
    private static final Duration REPORT_DUE = Duration.ofDays(2);
    private static final Duration REMINDER_LEAD = Duration.ofHours(12);

    private final ResponseDriver driver = new ResponseDriver();
    private final List<CaseEvent> history = new ArrayList<>();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldRemindThenWarnAboutAnOverdueReportOfAResolvedCaseAndRecordItLate() {
        // given a critical-infrastructure case of FR and DE, acknowledged and resolved at once
        driver.escalate(Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE"));
        driver.command("FR", Fixtures.ack(CASE_ID, "FR"));
        driver.command("DE", Fixtures.ack(CASE_ID, "DE"));
        CaseCommand resolve = Fixtures.command(CASE_ID, "FR", CommandType.RESOLVE);
        resolve.setText("grid operator isolated the model");
        driver.command("FR", resolve);
        driver.command("DE", Fixtures.vote(CASE_ID, "DE", CASE_ID + ":action-1", VoteChoice.YES));
        assertEquals(CaseState.RESOLVED, lastCase().getState());
        eventTypes();
        notifications();

        // when the wall clock reaches one second before the reminder, nothing happens
        driver.advance(REPORT_DUE.minus(REMINDER_LEAD).minusSeconds(1));
        assertEquals(List.of(), eventTypes());

        // when the reminder time comes, each reporting country is reminded of its own initial report
        driver.advance(Duration.ofSeconds(1));
        assertEquals(List.of(CaseEventType.OBLIGATION_DUE_SOON, CaseEventType.NOTIFIED,
                CaseEventType.OBLIGATION_DUE_SOON, CaseEventType.NOTIFIED), eventTypes());
        assertEquals(List.of("DE:de-duty-primary:OBLIGATION_DUE", "FR:fr-duty-primary:OBLIGATION_DUE"), notifications());

        // when the due time passes, each is told its report is overdue, once
        driver.advance(REMINDER_LEAD);
        assertEquals(List.of(CaseEventType.OBLIGATION_OVERDUE, CaseEventType.NOTIFIED,
                CaseEventType.OBLIGATION_OVERDUE, CaseEventType.NOTIFIED), eventTypes());
        assertEquals(List.of("DE:de-duty-primary:OBLIGATION_DUE", "FR:fr-duty-primary:OBLIGATION_DUE"), notifications());
        driver.advance(Duration.ofDays(1));
        assertEquals(List.of(), eventTypes());

        // and a late report comment of France on the resolved case meets France's, recorded as late, on an unbroken chain
        driver.command("FR", Fixtures.comment(CASE_ID, "FR", "#initial-report filed with the regulator"));
        assertEquals(List.of(CaseEventType.COMMENTED, CaseEventType.OBLIGATION_MET), eventTypes());
        CaseEvent met = history.get(history.size() - 1);
        assertEquals("true", met.getAttributes().get("late"));
        ChainVerification chain = HashChain.verify(history);
        assertTrue(chain.valid(), chain.reason());
    }

    private List<CaseEventType> eventTypes() {
        List<CaseEvent> events = driver.events.readValuesToList();
        history.addAll(events);
        return events.stream().map(CaseEvent::getType).toList();
    }

    private List<String> notifications() {
        List<String> sent = new ArrayList<>();
        for (String country : Fixtures.MEMBERS) {
            for (Notification n : driver.notifyOf(country).readValuesToList()) {
                sent.add(country + ":" + n.getOfficerId() + ":" + n.getKind());
            }
        }
        return sent;
    }

    private EmergencyCase lastCase() {
        List<EmergencyCase> states = driver.cases.readValuesToList();
        return states.get(states.size() - 1);
    }
}
