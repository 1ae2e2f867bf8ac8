package io.aegis.response.topology;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.escalation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.ChainVerification;
import io.aegis.kafka.crypto.HashChain;
import io.aegis.kafka.dlq.DlqHeaders;
import io.aegis.response.domain.CaseIds;
import io.aegis.response.domain.Fixtures;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.response.domain.CaseCopies;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.VoteChoice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseTopologyTest {

    private static final String CASE_ID = CaseIds.caseId(Fixtures.GROUP, 1);

    private final ResponseDriver driver = new ResponseDriver();
    private final List<CaseEvent> history = new ArrayList<>();

    @AfterEach
    void close() {
        driver.close();
    }

    /** Every notification sent since the last call, as "country:officer:kind", in send order per country. */
    private List<String> notifications() {
        List<String> sent = new ArrayList<>();
        for (String country : Fixtures.MEMBERS) {
            for (var record : driver.notifyOf(country).readKeyValuesToList()) {
                Notification n = record.value;
                assertEquals(n.getOfficerId(), record.key, "notifications are keyed by officer id");
                assertEquals(country, n.getCountry(), "a notification goes to its officer's country topic");
                sent.add(country + ":" + n.getOfficerId() + ":" + n.getKind());
            }
        }
        return sent;
    }

    private List<CaseEventType> eventTypes() {
        List<CaseEvent> events = driver.events.readValuesToList();
        history.addAll(events);
        events.forEach(e -> assertEquals(CASE_ID, e.getCaseId()));
        return events.stream().map(CaseEvent::getType).toList();
    }

    private EmergencyCase lastCase() {
        List<EmergencyCase> states = driver.cases.readValuesToList();
        assertTrue(!states.isEmpty(), "expected a case state");
        return states.get(states.size() - 1);
    }

    private CaseCommand vote(String country, VoteChoice choice) {
        return Fixtures.vote(CASE_ID, country, CASE_ID + ":action-1", choice);
    }

    @Test
    void shouldOpenCaseAndNotifyOnlyTheInvolvedCountriesPrimaries() {
        // when a SEVERE escalation from FR, DE and JP arrives
        driver.escalate(escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE", "JP"));

        // then one case state, its two events, and one notification per involved country — nothing else
        assertEquals(List.of(CaseEventType.OPENED, CaseEventType.NOTIFIED), eventTypes());
        EmergencyCase kase = lastCase();
        assertEquals(CASE_ID, kase.getCaseId());
        assertEquals(T0.plus(Duration.ofMinutes(60)), kase.getAckDeadline());
        assertEquals(List.of("DE:de-duty-primary:CASE_OPENED", "FR:fr-duty-primary:CASE_OPENED", "JP:jp-duty-primary:CASE_OPENED"),
                notifications());
    }

    @Test
    void shouldSendTheCaseStateToTheInboxOfEveryInvolvedCountryOnly() {
        // why: a node may read only its own inbox, so that is where it learns of the cases it takes part in
        driver.escalate(escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE", "JP"));

        EmergencyCase kase = lastCase();
        for (String country : List.of("FR", "DE", "JP")) {
            var copies = driver.inboxOf(country);
            assertEquals(1, copies.size(), country);
            assertEquals(CASE_ID, copies.get(0).key);
            // each country reads its own need-to-know copy of the case, not the coordination centre's record
            assertEquals(CaseCopies.forMember(kase, country), copies.get(0).value.getPayload());
            assertEquals(country, ((EmergencyCase) copies.get(0).value.getPayload()).getCopyFor());
        }
        assertTrue(driver.inboxOf("KE").isEmpty(), "KE takes no part in the case");
    }

    @Test
    void shouldIgnoreEscalationBelowTheOpenTier() {
        driver.escalate(escalation(Tier.ELEVATED, Tier.ADVISORY, "FR", "DE"));

        assertTrue(driver.cases.isEmpty());
        assertTrue(driver.events.isEmpty());
        assertEquals(List.of(), notifications());
    }

    @Test
    void shouldReescalateToBackupThenLeadAsWallClockPassesDeadlines() {
        // given an open case that only FR acknowledged
        driver.escalate(escalation(Tier.SEVERE, null, "FR", "DE", "JP"));
        driver.command("FR", Fixtures.ack(CASE_ID, "FR"));
        eventTypes();
        notifications();

        // when the wall clock reaches one second before the deadline, nothing happens
        driver.advance(Duration.ofMinutes(60).minusSeconds(1));
        assertEquals(List.of(), eventTypes());
        assertEquals(List.of(), notifications());

        // when the deadline passes, DE's and JP's backups are asked, and each step is an event
        driver.advance(Duration.ofSeconds(1));
        assertEquals(List.of(CaseEventType.ACK_OVERDUE, CaseEventType.REESCALATED, CaseEventType.NOTIFIED), eventTypes());
        assertEquals(List.of("DE:de-duty-backup:REESCALATED", "JP:jp-duty-backup:REESCALATED"), notifications());

        // when DE's backup acknowledges but JP stays silent for another hour, JP's lead is asked
        CaseCommand deBackup = Fixtures.ack(CASE_ID, "DE");
        deBackup.setOfficerId("de-duty-backup");
        driver.command("DE", deBackup);
        driver.advance(Duration.ofMinutes(60));
        assertEquals(List.of(CaseEventType.ACKNOWLEDGED, CaseEventType.ACK_OVERDUE, CaseEventType.REESCALATED,
                CaseEventType.NOTIFIED), eventTypes());
        assertEquals(List.of("JP:jp-duty-lead:REESCALATED"), notifications());
        assertEquals(2, lastCase().getEscalationLevel());
    }

    @Test
    void shouldRaiseToCriticalAndNotifyEveryMember() {
        driver.escalate(escalation(Tier.SEVERE, null, "FR", "DE"));
        eventTypes();
        notifications();

        driver.escalate(escalation(Tier.CRITICAL, Tier.SEVERE, "FR", "DE"));

        assertEquals(List.of(CaseEventType.TIER_RAISED, CaseEventType.NOTIFIED), eventTypes());
        assertEquals(List.of("BR:br-duty-primary:TIER_RAISED", "DE:de-duty-primary:TIER_RAISED", "FR:fr-duty-primary:TIER_RAISED",
                "JP:jp-duty-primary:TIER_RAISED", "KE:ke-duty-primary:TIER_RAISED"), notifications());
        assertEquals(Tier.CRITICAL, lastCase().getTier());
    }

    @Test
    void shouldRefuseCommandFromCountryOutsideTheCaseAndTellOnlyItsOfficer() {
        driver.escalate(escalation(Tier.SEVERE, null, "FR", "DE", "JP"));
        eventTypes();
        notifications();

        driver.command("KE", Fixtures.propose(CASE_ID, "KE", ActionType.FREEZE_FUNDS));

        assertEquals(List.of(CaseEventType.COMMAND_REJECTED), eventTypes());
        assertEquals(List.of("KE:ke-duty-primary:OTHER"), notifications());
        assertTrue(lastCase().getActions().isEmpty());
    }

    @Test
    void shouldTakeTheCountryFromTheTopicNotFromAHeaderTheSenderSet() {
        // a KE node forging FR's identity in both body and header must still be refused
        driver.escalate(escalation(Tier.SEVERE, null, "FR", "DE"));
        eventTypes();
        notifications();
        RecordHeaders forged = new RecordHeaders();
        forged.add(CommandOrigin.TOPIC_COUNTRY_HEADER, "FR".getBytes(StandardCharsets.UTF_8));

        driver.commandsOf("KE").pipeInput(new TestRecord<>(CASE_ID, Fixtures.ack(CASE_ID, "FR"), forged));

        assertEquals(List.of(CaseEventType.COMMAND_REJECTED), eventTypes());
        assertTrue(history.get(history.size() - 1).getDetail().startsWith("country: command speaks for FR but arrived on the"
                + " commands topic of KE"));
        assertEquals(List.of("KE:fr-duty-primary:OTHER"), notifications());
    }

    @Test
    void shouldAnswerCommandForUnknownCaseWithoutTouchingAnyCase() {
        driver.command("FR", Fixtures.ack("case-0123456789abcdef-7", "FR"));

        assertTrue(driver.cases.isEmpty());
        assertTrue(driver.events.isEmpty());
        assertEquals(List.of("FR:fr-duty-primary:OTHER"), notifications());
    }

    @Test
    void shouldPassActionByQuorumThenResolveKeepingTheChainIntact() {
        // given a case acknowledged by all three countries
        driver.escalate(escalation(Tier.SEVERE, null, "FR", "DE", "JP"));
        for (String country : List.of("FR", "DE", "JP")) {
            driver.command(country, Fixtures.ack(CASE_ID, country));
        }
        assertEquals(CaseState.ACKNOWLEDGED, lastCase().getState());

        // when FR proposes a halt and DE votes YES, then 2 of 3 pass it
        driver.command("FR", Fixtures.propose(CASE_ID, "FR", ActionType.HALT_DEPLOYMENT));
        driver.command("DE", vote("DE", VoteChoice.YES));
        assertEquals(io.aegis.schema.response.ActionState.PASSED, lastCase().getActions().get(0).getState());

        // and when JP asks to resolve and FR agrees, the case is resolved
        CaseCommand resolve = Fixtures.command(CASE_ID, "JP", CommandType.RESOLVE);
        resolve.setText("deployment halted, model withdrawn");
        driver.command("JP", resolve);
        driver.command("FR", Fixtures.vote(CASE_ID, "FR", CASE_ID + ":action-2", VoteChoice.YES));
        EmergencyCase resolved = lastCase();
        assertEquals(CaseState.RESOLVED, resolved.getState());
        assertEquals("deployment halted, model withdrawn", resolved.getResolution());

        // then the events read back from the topic form one unbroken chain, numbered 1..n
        eventTypes();
        ChainVerification verification = HashChain.verify(history);
        assertTrue(verification.valid(), verification.reason());
        for (int i = 0; i < history.size(); i++) {
            assertEquals(i + 1, history.get(i).getSequence());
        }
        assertEquals(history.get(history.size() - 1).getHash(), resolved.getLastEventHash());
        assertTrue(notifications().containsAll(List.of("DE:de-duty-primary:CASE_RESOLVED", "FR:fr-duty-primary:CASE_RESOLVED",
                "JP:jp-duty-primary:CASE_RESOLVED")));
    }

    @Test
    void shouldSendAnUnreadableCommandToTheDlqAndCarryOn() {
        // TopologyTestDriver does not capture handler-produced DLQ records under exactly-once, so this
        // driver runs at-least-once; the same handlers under exactly-once on a real broker are covered
        // by kafka-support's DlqStreamsIT
        driver.close();
        ResponseDriver atLeastOnce = new ResponseDriver(Fixtures.workflow(), T0, StreamsConfig.AT_LEAST_ONCE);
        try (atLeastOnce) {
            // given bytes on FR's commands topic that are not a CaseCommand
            byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
            var dlq = atLeastOnce.dlq();

            // when they arrive, followed by a valid escalation
            atLeastOnce.pipeRaw("aegis.commands.FR", CASE_ID, garbage);
            atLeastOnce.escalate(escalation(Tier.SEVERE, null, "FR", "DE"));

            // then the original bytes are on the DLQ with their source and reason, and the workflow went on
            var dead = dlq.readRecordsToList();
            assertEquals(1, dead.size());
            assertArrayEquals(garbage, dead.get(0).value());
            assertEquals("aegis.commands.FR", header(dead.get(0), DlqHeaders.SOURCE_TOPIC));
            assertTrue(header(dead.get(0), DlqHeaders.REASON).startsWith("cannot deserialize"));
            assertEquals(List.of(CaseEventType.OPENED, CaseEventType.NOTIFIED),
                    atLeastOnce.events.readValuesToList().stream().map(CaseEvent::getType).toList());
        }
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
