package io.aegis.policy.leak;

import io.aegis.policy.Members;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.PolicyRule;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A second, deliberately plain reading of a sharing policy, written apart from the router's engine
 * so that a routing bug cannot vouch for itself: for one signal and one destination, is the copy
 * allowed, which fields must be gone, and how long is the embargo. It follows the rules of
 * docs/policy.md literally: default deny, deny wins, an ALLOW without a TLP list covers only CLEAR
 * and GREEN, AMBER+STRICT and RED reach listed recipients only, REDACT and DELAY add up.
 */
public final class PolicyReading {

    /** The reading for one destination. */
    public record Verdict(boolean allowed, String why, Set<String> redactions, Duration embargo) {
    }

    private PolicyReading() {
    }

    public static Verdict read(SharingPolicy policy, Members members, SignalFacts signal, String destination) {
        if (destination.equals(signal.origin())) {
            return new Verdict(false, "a country never receives its own signal", Set.of(), Duration.ZERO);
        }
        List<PolicyRule> applicable = policy.getRules().stream()
                .filter(rule -> reaches(rule, policy, members, destination) && covers(rule, signal)).toList();
        Set<String> redactions = new TreeSet<>();
        Duration embargo = Duration.ZERO;
        boolean allow = false;
        for (PolicyRule rule : applicable) {
            if (rule.getEffect() == RuleEffect.DENY) {
                return new Verdict(false, "rule " + rule.getId() + " denies it", Set.of(), Duration.ZERO);
            }
            allow |= rule.getEffect() == RuleEffect.ALLOW;
            if (rule.getEffect() == RuleEffect.REDACT) {
                redactions.addAll(rule.getFields());
            }
            if (rule.getEffect() == RuleEffect.DELAY) {
                Duration delay = Duration.parse(rule.getDelay());
                embargo = delay.compareTo(embargo) > 0 ? delay : embargo;
            }
        }
        if (!allow) {
            return new Verdict(false, "no rule of policy v" + policy.getVersion() + " allows it", Set.of(), Duration.ZERO);
        }
        boolean listedOnly = signal.tlp() == Tlp.AMBER_STRICT || signal.tlp() == Tlp.RED;
        if (listedOnly && !signal.recipients().contains(destination)) {
            return new Verdict(false, "TLP " + signal.tlp() + " and " + destination + " is not a listed recipient", Set.of(), Duration.ZERO);
        }
        return new Verdict(true, "allowed", Collections.unmodifiableSet(redactions), embargo);
    }

    private static boolean reaches(PolicyRule rule, SharingPolicy policy, Members members, String destination) {
        return audience(rule.getTo(), policy, members).contains(destination)
                && !audience(rule.getExcept(), policy, members).contains(destination);
    }

    private static Set<String> audience(List<String> targets, SharingPolicy policy, Members members) {
        Set<String> countries = new HashSet<>();
        for (String target : targets) {
            if (target.equals("*")) {
                countries.addAll(members.codes());
            } else if (target.startsWith("group:")) {
                String group = target.substring(6);
                List<String> own = policy.getGroups().get(group);
                countries.addAll(own != null ? own : members.groups().getOrDefault(group, Set.of()));
            } else {
                countries.add(target);
            }
        }
        return countries;
    }

    private static boolean covers(PolicyRule rule, SignalFacts signal) {
        List<Tlp> labels = rule.getTlp();
        boolean tlpOk = labels.isEmpty()
                ? rule.getEffect() != RuleEffect.ALLOW || signal.tlp() == Tlp.CLEAR || signal.tlp() == Tlp.GREEN
                : labels.contains(signal.tlp());
        boolean categoryOk = rule.getCategories().isEmpty() || rule.getCategories().contains(signal.category());
        boolean sectorOk = rule.getSectors().isEmpty() || signal.sectors().stream().anyMatch(rule.getSectors()::contains);
        boolean minOk = rule.getMinSeverity() == null || signal.severity() >= rule.getMinSeverity();
        boolean maxOk = rule.getMaxSeverity() == null || signal.severity() <= rule.getMaxSeverity();
        return tlpOk && categoryOk && sectorOk && minOk && maxOk;
    }
}
