package io.aegis.replay.verify;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.policy.Members;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.replay.domain.TimeRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the recorded evidence of a range: every hash chain (routing audit per partition, case
 * events per case, case states against their last event), every signal's content hash and
 * signature and every retraction's signature, and the non-leak invariant over every inbox copy
 * (re-read against the recorded policy version by the shared independent leak checker).
 * Pure over what was read; anything that could not be read or checked is listed as unchecked so
 * that a clean result is never claimed for evidence that was not seen (an inbox the principal may
 * not read is named as a gap of the non-leak check).
 */
public final class EvidenceVerifier {

    private EvidenceVerifier() {
    }

    public static VerificationReport verify(TimeRange range, RecordedHistory history, Optional<Members> members) {
        Optional<MemberKeys> keys = members.map(MemberKeys::of);
        List<Violation> violations = new ArrayList<>();
        Map<String, Integer> checked = new LinkedHashMap<>();
        Set<String> unsigned = new TreeSet<>();
        checked.put("audit-chain", ChainChecks.auditChains(history.decisions(), violations));
        checked.put("case-chain", ChainChecks.caseChains(history.caseEvents(), violations));
        checked.put("case-state", ChainChecks.caseStates(history.cases(), history.caseEvents(), violations));
        checked.put("signals", OriginChecks.signals(history.signals(), keys, violations, unsigned));
        checked.put("retractions", OriginChecks.retractions(history.retractions(), keys, violations, unsigned));
        List<String> unchecked = new ArrayList<>(history.notes());
        checked.put("non-leak", LeakCheck.check(history, members, violations, unchecked));
        checked.put("need-to-know", LeakCheck.checkDisclosures(history, violations, unchecked));

        List<String> unreadInboxes = history.unreadableTopics().stream()
                .filter(topic -> topic.contains(TopicNames.INBOX_PREFIX)).sorted().toList();
        if (!unreadInboxes.isEmpty()) {
            unchecked.add("non-leak: " + unreadInboxes.size() + " inbox(es) not read, so the copies on them were not"
                    + " checked: " + String.join(", ", unreadInboxes) + "; run verify under a principal granted"
                    + " DESCRIBE and READ on the inboxes (an auditor, see docs/runbook-operator.md)");
        }
        if (!unsigned.isEmpty()) {
            unchecked.add(unsigned.size() + " signatures not checked: aegis.members-file is not set");
        }
        return new VerificationReport(range.from(), range.to(), checked, violations, unchecked);
    }
}
