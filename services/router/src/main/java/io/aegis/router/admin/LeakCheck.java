package io.aegis.router.admin;

import io.aegis.kafka.crypto.HashChain;
import io.aegis.router.domain.Redactor;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.SharedSignal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The independent leak check: every copy found on {@code aegis.inbox.X} must match an allowing
 * decision on {@code aegis.routing.audit} (same decision id, signal, destination X, an outcome that
 * delivers, the same policy version, rule ids and redacted fields), its redacted fields must really
 * be gone, and every audit partition's hash chain must verify. It shares no code with the router's
 * routing path beyond the contracts, so a routing bug cannot hide itself.
 */
public final class LeakCheck {

    private static final Set<DecisionOutcome> ALLOWING = EnumSet.of(DecisionOutcome.DELIVER, DecisionOutcome.DELIVER_REDACTED, DecisionOutcome.DELAY);

    /** A copy as found on an inbox topic. */
    public record InboxCopy(String country, String topic, int partition, long offset, SharedSignal copy) {
    }

    /** The outcome: how many copies were checked, and each finding (empty means no leak). */
    public record Report(int copiesChecked, int decisionsChecked, List<String> findings) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    private LeakCheck() {
    }

    /**
     * @param copies          every SharedSignal on every inbox
     * @param auditPartitions the audit topic's records, per partition, in offset order
     */
    public static Report check(List<InboxCopy> copies, Map<Integer, List<RoutingDecision>> auditPartitions) {
        List<String> findings = new ArrayList<>();
        Map<String, RoutingDecision> byId = new HashMap<>();
        int decisions = 0;
        for (Map.Entry<Integer, List<RoutingDecision>> partition : auditPartitions.entrySet()) {
            var chain = HashChain.verify(partition.getValue());
            if (!chain.valid()) {
                findings.add("audit partition " + partition.getKey() + ": hash chain broken at record " + chain.brokenAt() + ": " + chain.reason());
            }
            for (RoutingDecision decision : partition.getValue()) {
                byId.put(decision.getDecisionId(), decision);
                decisions++;
            }
        }
        for (InboxCopy found : copies) {
            checkCopy(found, byId.get(found.copy().getDecisionId()), findings);
        }
        return new Report(copies.size(), decisions, List.copyOf(findings));
    }

    private static void checkCopy(InboxCopy found, RoutingDecision decision, List<String> findings) {
        SharedSignal copy = found.copy();
        String where = found.topic() + "-" + found.partition() + "@" + found.offset() + " (signal " + copy.getSignalId() + ")";
        if (decision == null) {
            findings.add(where + ": no routing decision " + copy.getDecisionId() + " on the audit topic");
            return;
        }
        if (!ALLOWING.contains(decision.getOutcome())) {
            findings.add(where + ": decision " + decision.getDecisionId() + " is " + decision.getOutcome() + ", which does not deliver");
        }
        if (!decision.getSignalId().equals(copy.getSignalId()) || !decision.getDestination().equals(found.country())
                || !copy.getDestination().equals(found.country())) {
            findings.add(where + ": decision is for " + decision.getSignalId() + " to " + decision.getDestination()
                    + ", copy is addressed to " + copy.getDestination());
        }
        if (decision.getPolicyVersion() != copy.getPolicyVersion() || !decision.getRuleIds().equals(copy.getRuleIds())
                || !decision.getRedactedFields().equals(copy.getRedactedFields())) {
            findings.add(where + ": copy's policy version, rules or redactions differ from decision " + decision.getDecisionId());
        }
        if (!Redactor.apply(copy.getContent(), copy.getRedactedFields()).equals(copy.getContent())) {
            findings.add(where + ": fields " + copy.getRedactedFields() + " were to be redacted but are present");
        }
        if (!decision.getContentHash().equals(copy.getContentHash())) {
            findings.add(where + ": content hash differs from the decided signal's");
        }
    }

}
