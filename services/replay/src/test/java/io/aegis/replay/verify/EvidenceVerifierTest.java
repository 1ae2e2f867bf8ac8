package io.aegis.replay.verify;

import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioHistory;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import org.junit.jupiter.api.Test;

import java.security.PublicKey;
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
    private final MemberKeys keys = keys(scenario);

    @Test
    void shouldPassRecordedScenarioCompletely() {
        VerificationReport report = EvidenceVerifier.verify(DAY, ScenarioHistory.of(scenario), Optional.of(keys));

        assertEquals(List.of(), report.violations());
        assertEquals(List.of(), report.unchecked());
        assertEquals(Map.of("audit-chain", 4, "case-chain", 4, "case-state", 1, "signals", 3, "retractions", 0,
                "non-leak", 3), report.checked());
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
        assertEquals(List.of("non-leak: 2 inbox(es) not read, so the copies on them were not checked:"
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
                "states policyVersion 4 but decision d1 was made under version 3"), report.violations().toString());
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
        assertEquals(List.of("3 signatures not checked: aegis.members-file is not set"), report.unchecked());
    }

    private static <T> void replace(List<Recorded<T>> records, int index, T value) {
        records.set(index, records.get(index).with(value));
    }

    static MemberKeys keys(Scenario scenario) {
        Map<String, PublicKey> keys = new HashMap<>();
        scenario.keys.forEach((country, pair) -> keys.put(MemberKeys.id(country, "default"), pair.getPublic()));
        return new MemberKeys(keys);
    }
}
