package io.aegis.replay.verify;

import io.aegis.policy.Members;
import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioHistory;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvidenceVerifierTest {

    private static final TimeRange DAY = TimeRange.parse("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", Instant.EPOCH);

    private final Scenario scenario = new Scenario();
    private final Members keys = members(scenario);

    @Test
    void shouldPassRecordedScenarioCompletely() {
        VerificationReport report = EvidenceVerifier.verify(DAY, ScenarioHistory.of(scenario), Optional.of(keys));

        assertEquals(List.of(), report.violations());
        assertEquals(List.of(), report.unchecked());
        assertEquals(Map.of("audit-chain", 4, "case-chain", 4, "case-state", 1, "signals", 3, "retractions", 0,
                "non-leak", 3, "need-to-know", 3), report.checked());
    }

    @Test
    void shouldNameTheInboxesTheNonLeakCheckCouldNotReadWithoutClaimingThemChecked() {
        // given an operator principal without an inbox grant: DE's and JP's inboxes could not be read
        RecordedHistory history = ScenarioHistory.of(scenario);
        history.deliveries().removeIf(delivery -> delivery.topic().equals("aegis.inbox.DE"));
        history.unreadableTopics().addAll(List.of("aegis.inbox.JP", "aegis.inbox.DE", "aegis.notify.JP"));

        // when
        VerificationReport report = EvidenceVerifier.verify(DAY, history, Optional.of(keys));

        // then nothing is a violation, but the run is incomplete and says which inboxes were not seen
        assertEquals(List.of(), report.violations());
        assertTrue(report.clean());
        assertEquals(false, report.complete());
        assertEquals(List.of("need-to-know: the notifications of DE were not checked: their inboxes, which say what they"
                + " were given, were not read", "non-leak: 2 inbox(es) not read, so the copies on them were not checked:"
                + " aegis.inbox.DE, aegis.inbox.JP; run verify under a principal granted DESCRIBE and READ on the"
                + " inboxes (an auditor, see docs/runbook-operator.md)"), report.unchecked());
    }

    @Test
    void shouldRejectSignalSignedByAnotherCountrysKey() {
        // given: FR's signal carries a valid signature, but made with DE's key
        RecordedHistory history = ScenarioHistory.of(scenario);
        ThreatSignal forged = io.aegis.kafka.crypto.SignalSigner.sign(scenario.s1, scenario.keys.get("DE").getPrivate());
        replace(history.signals(), 0, forged);

        VerificationReport report = EvidenceVerifier.verify(DAY, history, Optional.of(keys));

        assertEquals(1, report.violations().size());
        Violation violation = report.violations().get(0);
        assertEquals("signature", violation.check());
        assertEquals("aegis.outbox.FR/0@0", violation.evidence());
        assertTrue(violation.message().contains("does not verify with key 'default' of origin FR"), violation.message());
    }

    @Test
    void shouldRejectSignalOnAnotherCountrysOutbox() {
        RecordedHistory history = ScenarioHistory.of(scenario);
        Recorded<ThreatSignal> moved = history.signals().get(1);
        history.signals().set(1, new Recorded<>("aegis.outbox.FR", 0, 1, 0, "s2", moved.value()));

        VerificationReport report = EvidenceVerifier.verify(DAY, history, Optional.of(keys));

        assertEquals(List.of(new Violation("origin", "aegis.outbox.FR/0@1",
                "originCountry 'DE' on the outbox of FR: only FR may publish there")), report.violations());
    }

    @Test
    void shouldRejectInboxCopyWhosePolicyVersionDiffersFromItsDecision() {
        RecordedHistory history = ScenarioHistory.of(scenario);
        replace(history.deliveries(), 0, SharedSignal.newBuilder(scenario.inboxDe.get(0)).setPolicyVersion(4).build());

        VerificationReport report = EvidenceVerifier.verify(DAY, history, Optional.of(keys));

        assertEquals(1, report.violations().size());
        assertTrue(report.violations().get(0).message().contains(
                "states policy version 4 but decision d1 was made under version 3"), report.violations().toString());
    }

    @Test
    void shouldRejectCaseStateThatPointsAtAnotherEventHash() {
        RecordedHistory history = ScenarioHistory.of(scenario);
        replace(history.cases(), 0, EmergencyCase.newBuilder(scenario.emergencyCase)
                .setLastEventHash(scenario.caseEvents.get(2).getHash()).build());

        VerificationReport report = EvidenceVerifier.verify(DAY, history, Optional.of(keys));

        assertEquals("case-state", report.violations().get(0).check());
    }

    @Test
    void shouldReportSignaturesAsUncheckedWithoutMembersFile() {
        VerificationReport report = EvidenceVerifier.verify(DAY, ScenarioHistory.of(scenario), Optional.empty());

        assertTrue(report.clean());
        assertEquals(List.of("non-leak: 3 copies not re-read against the recorded policies: no member list (aegis.members-file)"
                + " to expand destinations and groups; only their decisions were checked",
                "3 signatures not checked: aegis.members-file is not set"), report.unchecked());
    }

    @Test
    void shouldPassAnEmbargoedCopyReleasedOnTimeAndRejectOneReleasedEarly() {
        // why: a released embargoed copy cites its DELAY decision; the check must accept it once the
        // embargo ended and only then, re-reading the embargo from the recorded policy itself
        RecordedHistory onTime = embargoed(3600 + 62);
        RecordedHistory early = embargoed(600);

        VerificationReport passed = EvidenceVerifier.verify(DAY, onTime, Optional.of(keys));
        VerificationReport failed = EvidenceVerifier.verify(DAY, early, Optional.of(keys));

        assertEquals(List.of(), passed.violations());
        assertEquals(1, failed.violations().size(), failed.violations().toString());
        assertTrue(failed.violations().get(0).message().contains("before the embargo"), failed.violations().toString());
    }

    @Test
    void shouldRejectACopyTheRecordedPolicyForbidsEvenWhenItsDecisionSaysDeliver() {
        // FR v3 shares with DE only: a copy of s1 on JP's inbox whose forged decision says DELIVER is still a leak
        RecordedHistory history = ScenarioHistory.of(scenario);
        var forgedDecision = Scenario.decision("d9", scenario.s1, "JP", io.aegis.schema.routing.DecisionOutcome.DELIVER, 3,
                List.of("amber-to-trusted"), Scenario.T0.plusSeconds(61));
        history.decisions().add(new Recorded<>("aegis.routing.audit", 0, 9, 0, "s1", forgedDecision));
        history.deliveries().add(new Recorded<>("aegis.inbox.JP", 0, 0, 0, "s1",
                SharedSignal.newBuilder(scenario.inboxDe.get(0)).setDestination("JP").setDecisionId("d9").build()));

        VerificationReport report = EvidenceVerifier.verify(DAY, history, Optional.of(keys));

        assertTrue(report.violations().stream().anyMatch(v -> v.evidence().equals("aegis.inbox.JP/0@0")
                && v.message().contains("does not allow it to JP")), report.violations().toString());
    }

    @Test
    void shouldRejectACaseCopyOrNotificationNamingWhatTheMemberWasNeverGiven() {
        // DE received s1 (FR's) only: its case copy may name s1 and FR, never JP's s3 or JP as a reporter
        RecordedHistory history = ScenarioHistory.of(scenario);
        EmergencyCase fair = EmergencyCase.newBuilder(scenario.emergencyCase).setCopyFor("DE").setSignalIds(List.of("s1"))
                .setReportingCountries(List.of("FR")).build();
        EmergencyCase leaky = EmergencyCase.newBuilder(fair).setSignalIds(List.of("s1", "s3")).setReportingCountries(List.of("FR", "JP"))
                .build();
        history.caseCopies().add(new Recorded<>("aegis.inbox.DE", 0, 5, 0, Scenario.CASE_ID, fair));
        history.caseCopies().add(new Recorded<>("aegis.inbox.DE", 0, 6, 0, Scenario.CASE_ID, leaky));
        var note = io.aegis.schema.response.Notification.newBuilder(scenario.notifyDe.get(0))
                .setMessage("SEVERE case. Reporting countries: FR, JP").build();
        history.notifications().add(new Recorded<>("aegis.notify.DE", 0, 9, 0, "de-duty-1", note));

        VerificationReport report = EvidenceVerifier.verify(DAY, history, Optional.of(keys));

        assertEquals(List.of("aegis.inbox.DE/0@6", "aegis.inbox.DE/0@6", "aegis.notify.DE/0@9"),
                report.violations().stream().map(Violation::evidence).toList(), report.violations().toString());
        assertTrue(report.violations().stream().allMatch(v -> v.check().equals("need-to-know")));
        assertTrue(report.violations().get(0).message().contains("names signal s3, which DE neither received nor published"),
                report.violations().toString());
    }

    private RecordedHistory embargoed(long writtenAfterSeconds) {
        RecordedHistory history = ScenarioHistory.of(scenario);
        var policy = io.aegis.schema.routing.SharingPolicy.newBuilder(scenario.policies.get(0)).setRules(List.of(
                scenario.policies.get(0).getRules().get(0),
                io.aegis.schema.routing.PolicyRule.newBuilder().setId("hold").setEffect(io.aegis.schema.routing.RuleEffect.DELAY)
                        .setTo(List.of("DE")).setDelay("PT1H").build())).build();
        replace(history.policies(), 0, policy);
        Recorded<SharedSignal> copy = history.deliveries().get(0);
        history.deliveries().set(0, new Recorded<>(copy.topic(), copy.partition(), copy.offset(),
                Scenario.T0.plusSeconds(writtenAfterSeconds).toEpochMilli(), copy.key(), copy.value()));
        return history;
    }

    private static <T> void replace(List<Recorded<T>> records, int index, T value) {
        records.set(index, records.get(index).with(value));
    }

    static Members members(Scenario scenario) {
        Map<String, String> keys = new HashMap<>();
        scenario.keys.forEach((country, pair) -> keys.put(country, io.aegis.kafka.crypto.Ed25519.encodePublic(pair.getPublic())));
        return Members.of(keys, Map.of());
    }
}
