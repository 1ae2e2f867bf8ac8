package io.aegis.policy.leak;

import io.aegis.policy.Members;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The independent non-leak check, the one both {@code ./aegis-ops verify} and the router's admin
 * command run. Every copy found on {@code aegis.inbox.X} must (1) be addressed to X and cite a
 * recorded routing decision for that signal and X with an outcome that delivers, the same policy
 * version and content hash; (2) be allowed to X by that recorded policy version when re-read with
 * {@link PolicyReading} (not the router's engine), for the signal as it stood when the copy was
 * written (downgrades applied); (3) lack every field that reading says must be redacted; and
 * (4) under an embargo, have been written at or after its end. Only evidence is trusted, not the
 * router: a copy whose policy version is not on record is reported as unchecked, never as clean.
 */
public final class LeakChecker {

    private static final Set<DecisionOutcome> DELIVERING =
            EnumSet.of(DecisionOutcome.DELIVER, DecisionOutcome.DELIVER_REDACTED, DecisionOutcome.DELAY, DecisionOutcome.RELEASE);

    /** A copy as found on an inbox topic: the inbox's country, where it was read, and when it was written. */
    public record InboxCopy(String inboxCountry, String source, Instant writtenAt, SharedSignal copy) {
    }

    /** One copy that breaks the invariant. */
    public record Finding(String source, String signalId, String message) {
        @Override
        public String toString() {
            return source + " (signal " + signalId + "): " + message;
        }
    }

    /** The outcome: copies checked, findings (empty: no leak), and what could not be checked. */
    public record Result(int copiesChecked, List<Finding> findings, List<String> unchecked) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    private final Members members;
    private final PolicyHistory policies;

    /** @param members the member list, to expand groups; null when none is on hand (copies are then not re-read) */
    public LeakChecker(Members members, PolicyHistory policies) {
        this.members = members;
        this.policies = policies;
    }

    /**
     * @param copies    every SharedSignal read from the inboxes
     * @param decisions the routing audit
     * @param originals the signals as published on the outboxes (may be partial)
     * @param changes   retractions and downgrades published on the outboxes (may be partial)
     */
    public Result check(List<InboxCopy> copies, Collection<RoutingDecision> decisions,
                        Collection<ThreatSignal> originals, Collection<Retraction> changes) {
        Map<String, RoutingDecision> byId = new HashMap<>();
        Map<String, Instant> firstDecided = new HashMap<>();
        decisions.forEach(d -> {
            byId.put(d.getDecisionId(), d);
            firstDecided.merge(d.getSignalId() + "|" + d.getDestination(), d.getDecidedAt(), (a, b) -> a.isBefore(b) ? a : b);
        });
        Map<String, ThreatSignal> signals = new HashMap<>();
        originals.forEach(s -> signals.put(s.getId(), s));
        Map<String, List<Retraction>> changesBySignal = new HashMap<>();
        changes.forEach(c -> changesBySignal.computeIfAbsent(c.getSignalId(), id -> new ArrayList<>()).add(c));
        List<Finding> findings = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        if (members == null && !copies.isEmpty()) {
            unchecked.add(copies.size() + " copies not re-read against the recorded policies: no member list"
                    + " (aegis.members-file) to expand destinations and groups; only their decisions were checked");
        }
        for (InboxCopy found : copies) {
            SharedSignal copy = found.copy();
            RoutingDecision decision = byId.get(copy.getDecisionId());
            Optional<String> problem = citation(found, decision);
            if (problem.isEmpty() && members != null) {
                Instant routedAt = firstDecided.get(copy.getSignalId() + "|" + found.inboxCountry());
                problem = reread(found, decision, routedAt, signals.get(copy.getSignalId()),
                        changesBySignal.getOrDefault(copy.getSignalId(), List.of()), unchecked);
            }
            problem.ifPresent(p -> findings.add(new Finding(found.source(), copy.getSignalId(), p)));
        }
        return new Result(copies.size(), List.copyOf(findings), List.copyOf(unchecked));
    }

    private static Optional<String> citation(InboxCopy found, RoutingDecision decision) {
        SharedSignal copy = found.copy();
        String inbox = found.inboxCountry();
        if (!inbox.equals(copy.getDestination())) {
            return Optional.of("copy made for " + copy.getDestination() + " found in the inbox of " + inbox);
        }
        if (decision == null) {
            return Optional.of("cites decision " + copy.getDecisionId() + ", which is not in the routing audit");
        }
        if (!DELIVERING.contains(decision.getOutcome())) {
            return Optional.of("decision " + decision.getDecisionId() + " says " + decision.getOutcome() + " (" + decision.getReason() + ")");
        }
        if (!decision.getSignalId().equals(copy.getSignalId()) || !decision.getDestination().equals(inbox)) {
            return Optional.of("decision " + decision.getDecisionId() + " is about signal " + decision.getSignalId()
                    + " to " + decision.getDestination());
        }
        if (decision.getPolicyVersion() != copy.getPolicyVersion()) {
            return Optional.of("copy states policy version " + copy.getPolicyVersion() + " but decision "
                    + decision.getDecisionId() + " was made under version " + decision.getPolicyVersion());
        }
        if (!decision.getContentHash().equals(copy.getContentHash())) {
            return Optional.of("content hash " + copy.getContentHash() + " differs from the decided " + decision.getContentHash());
        }
        if (decision.getOutcome() == DecisionOutcome.DELAY && decision.getDeliverAt() != null
                && found.writtenAt().isBefore(decision.getDeliverAt())) {
            return Optional.of("released at " + found.writtenAt() + ", before the embargo of decision "
                    + decision.getDecisionId() + " ended at " + decision.getDeliverAt());
        }
        return Optional.empty();
    }

    private Optional<String> reread(InboxCopy found, RoutingDecision decision, Instant routedAt, ThreatSignal original,
                                    List<Retraction> changes, List<String> unchecked) {
        SharedSignal copy = found.copy();
        Optional<SharingPolicy> policy = policies.version(decision.getOriginCountry(), decision.getPolicyVersion());
        if (policy.isEmpty()) {
            unchecked.add(found.source() + ": policy v" + decision.getPolicyVersion() + " of " + decision.getOriginCountry()
                    + " is not on record, so signal " + copy.getSignalId() + " was not re-read against it");
            return Optional.empty();
        }
        if (original != null && !original.getContentHash().equals(copy.getContentHash())) {
            return Optional.of("content hash differs from the signal published on the outbox");
        }
        SignalFacts facts = original != null
                ? SignalFacts.of(original, changes, decision.getDecidedAt())
                : SignalFacts.ofCopy(decision.getOriginCountry(), decision.getTlp(), copy.getContent());
        PolicyReading.Verdict verdict = PolicyReading.read(policy.get(), members, facts, found.inboxCountry());
        if (!verdict.allowed()) {
            return Optional.of("policy v" + decision.getPolicyVersion() + " of " + decision.getOriginCountry()
                    + " does not allow it to " + found.inboxCountry() + ": " + verdict.why());
        }
        // an embargo runs from the signal's first routing to this destination, not from a later re-delivery
        Instant embargoEnd = routedAt.plus(verdict.embargo());
        if (!verdict.embargo().isZero() && found.writtenAt().isBefore(embargoEnd)) {
            return Optional.of("written at " + found.writtenAt() + ", before the embargo of " + verdict.embargo()
                    + " the policy sets ended at " + embargoEnd);
        }
        List<String> kept = Redactions.stillPresent(copy.getContent(), verdict.redactions());
        if (!kept.isEmpty()) {
            return Optional.of("fields " + kept + " must be redacted for " + found.inboxCountry() + " but are present");
        }
        return original == null ? Optional.empty() : Redactions.beyondOriginal(copy.getContent(), facts.original());
    }
}
