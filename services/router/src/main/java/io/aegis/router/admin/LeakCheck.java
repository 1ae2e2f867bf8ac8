package io.aegis.router.admin;

import io.aegis.kafka.crypto.HashChain;
import io.aegis.policy.Members;
import io.aegis.policy.leak.DisclosureChecker;
import io.aegis.policy.leak.LeakChecker;
import io.aegis.policy.leak.PolicyHistory;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The router's admin leak check over what was read from the topics: every audit partition's hash
 * chain must verify, every inbox copy must pass the shared independent {@link LeakChecker}
 * (which re-reads the recorded policy version with its own evaluator, never the router's engine),
 * and every case copy on an inbox must name only what that inbox shows its member was given
 * ({@link DisclosureChecker}).
 */
public final class LeakCheck {

    /** A copy as found on an inbox topic, with its record timestamp (when it was written). */
    public record InboxCopy(String country, String topic, int partition, long offset, long timestamp, SharedSignal copy) {
    }

    /** What was read: the audit per partition, the inbox copies, the outbox records and the published policies. */
    public record Evidence(Map<Integer, List<RoutingDecision>> auditPartitions, List<InboxCopy> copies,
                           List<ThreatSignal> signals, List<Retraction> changes, List<SharingPolicy> policies,
                           List<DisclosureChecker.CaseCopy> caseCopies) {

        /** Evidence without case copies (the inbox copies' check alone). */
        public Evidence(Map<Integer, List<RoutingDecision>> auditPartitions, List<InboxCopy> copies,
                        List<ThreatSignal> signals, List<Retraction> changes, List<SharingPolicy> policies) {
            this(auditPartitions, copies, signals, changes, policies, List.of());
        }
    }

    /** The outcome: how many copies were checked, each finding (empty means no leak), and what could not be checked. */
    public record Report(int copiesChecked, int decisionsChecked, List<String> findings, List<String> unchecked) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    private LeakCheck() {
    }

    public static Report check(Members members, Evidence evidence) {
        List<String> findings = new ArrayList<>();
        List<RoutingDecision> decisions = new ArrayList<>();
        evidence.auditPartitions().forEach((partition, records) -> {
            var chain = HashChain.verify(records);
            if (!chain.valid()) {
                findings.add("audit partition " + partition + ": hash chain broken at record " + chain.brokenAt() + ": " + chain.reason());
            }
            decisions.addAll(records);
        });
        PolicyHistory history = new PolicyHistory();
        evidence.policies().forEach(history::add);
        List<LeakChecker.InboxCopy> copies = evidence.copies().stream()
                .map(c -> new LeakChecker.InboxCopy(c.country(), c.topic() + "-" + c.partition() + "@" + c.offset(),
                        Instant.ofEpochMilli(c.timestamp()), c.copy()))
                .toList();
        LeakChecker.Result result = new LeakChecker(members, history).check(copies, decisions, evidence.signals(), evidence.changes());
        result.findings().forEach(f -> findings.add(f.toString()));
        Map<String, String> originOf = new HashMap<>();
        decisions.forEach(d -> originOf.put(d.getSignalId(), d.getOriginCountry()));
        new DisclosureChecker(copies, originOf).check(evidence.caseCopies(), List.of()).forEach(f -> findings.add(f.toString()));
        return new Report(result.copiesChecked(), decisions.size(), List.copyOf(findings), result.unchecked());
    }
}
