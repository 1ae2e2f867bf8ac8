package io.aegis.router.domain;

import io.aegis.policy.Members;
import io.aegis.policy.TlpLabels;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.PolicyRule;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.SignalContent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sharing-policy engine: a pure function of signal content, origin policy version and member
 * list to one decision per destination. Invariants: default deny (no policy, or no ALLOW rule
 * matching, withholds); any matching DENY rule withholds; AMBER+STRICT and RED reach only listed
 * recipients; REDACT fields and DELAY embargoes only ever apply to destinations already allowed.
 */
public final class PolicyEngine {

    private PolicyEngine() {
    }

    /**
     * Decides for every member but {@code origin}.
     *
     * @param policy    the origin's current policy, or null when it has none (everything withheld)
     * @param decidedAt the decision time; DELAY embargoes end at {@code decidedAt + delay}
     */
    public static RoutingPlan evaluate(
            String origin, SignalContent content, SharingPolicy policy, Members members, Instant decidedAt) {
        List<DestinationDecision> decisions = new ArrayList<>();
        for (String destination : members.destinationsOf(origin)) {
            decisions.add(policy == null
                    ? DestinationDecision.withhold(destination, List.of(), "no sharing policy published by " + origin + " (default deny)")
                    : decide(destination, content, policy, members, decidedAt));
        }
        return policy == null
                ? new RoutingPlan(0, decisions, CoordinationLevel.NONE, Attribution.ANONYMOUS)
                : new RoutingPlan(policy.getVersion(), decisions, policy.getCoordination(), policy.getAttribution());
    }

    static DestinationDecision decide(
            String destination, SignalContent content, SharingPolicy policy, Members members, Instant decidedAt) {
        List<String> allows = new ArrayList<>();
        List<String> denies = new ArrayList<>();
        List<String> redacts = new ArrayList<>();
        List<String> delays = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        Duration delay = Duration.ZERO;
        for (PolicyRule rule : policy.getRules()) {
            if (!RuleMatcher.matchesSignal(rule, content) || !RuleMatcher.targets(rule, destination, policy, members)) {
                continue;
            }
            switch (rule.getEffect()) {
                case ALLOW -> allows.add(rule.getId());
                case DENY -> denies.add(rule.getId());
                case REDACT -> {
                    redacts.add(rule.getId());
                    fields.addAll(rule.getFields());
                }
                case DELAY -> {
                    delays.add(rule.getId());
                    delay = max(delay, Duration.parse(rule.getDelay()));
                }
            }
        }
        return outcome(destination, content, new Matches(allows, denies, redacts, delays, List.copyOf(fields), delay), decidedAt);
    }

    private static DestinationDecision outcome(String destination, SignalContent content, Matches m, Instant decidedAt) {
        Tlp tlp = content.getTlp();
        if (!m.denies.isEmpty()) {
            return DestinationDecision.withhold(destination, m.denies, "denied by rule " + String.join(", ", m.denies) + " (deny wins)");
        }
        if (m.allows.isEmpty()) {
            return DestinationDecision.withhold(destination, List.of(),
                    "no rule allows TLP " + TlpLabels.label(tlp) + " to " + destination + " (default deny)");
        }
        if ((tlp == Tlp.AMBER_STRICT || tlp == Tlp.RED) && !content.getRecipients().contains(destination)) {
            return DestinationDecision.withhold(destination, List.of(),
                    "TLP " + TlpLabels.label(tlp) + " reaches only listed recipients; " + destination + " is not listed");
        }
        List<String> ruleIds = new ArrayList<>(m.allows);
        ruleIds.addAll(m.redacts);
        ruleIds.addAll(m.delays);
        String reason = "allowed by rule " + String.join(", ", m.allows)
                + (m.fields.isEmpty() ? "" : "; redacted " + m.fields + " by rule " + String.join(", ", m.redacts))
                + (m.delays.isEmpty() ? "" : "; embargo " + m.delay + " by rule " + String.join(", ", m.delays));
        if (!m.delays.isEmpty()) {
            return new DestinationDecision(destination, Outcome.DELAY, ruleIds, reason, m.fields, decidedAt.plus(m.delay));
        }
        Outcome outcome = m.fields.isEmpty() ? Outcome.DELIVER : Outcome.DELIVER_REDACTED;
        return new DestinationDecision(destination, outcome, ruleIds, reason, m.fields, null);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private record Matches(
            List<String> allows, List<String> denies, List<String> redacts, List<String> delays, List<String> fields, Duration delay) {
    }
}
