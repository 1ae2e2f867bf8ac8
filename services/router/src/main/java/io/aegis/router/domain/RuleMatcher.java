package io.aegis.router.domain;

import io.aegis.policy.Members;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.PolicyRule;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.SignalContent;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a rule applies to a signal and a destination. Empty filter lists match
 * everything, except that an ALLOW rule without a {@code tlp} list allows only CLEAR and GREEN:
 * AMBER, AMBER+STRICT and RED leave only through a rule that names them.
 */
final class RuleMatcher {

    static final List<Tlp> DEFAULT_ALLOW_TLP = List.of(Tlp.CLEAR, Tlp.GREEN);

    private RuleMatcher() {
    }

    static boolean matchesSignal(PolicyRule rule, SignalContent content) {
        List<Tlp> tlps = rule.getTlp().isEmpty() && rule.getEffect() == RuleEffect.ALLOW ? DEFAULT_ALLOW_TLP : rule.getTlp();
        if (!tlps.isEmpty() && !tlps.contains(content.getTlp())) {
            return false;
        }
        if (!rule.getCategories().isEmpty() && !rule.getCategories().contains(content.getCategory())) {
            return false;
        }
        if (!rule.getSectors().isEmpty() && Collections.disjoint(rule.getSectors(), content.getSectors())) {
            return false;
        }
        int severity = content.getSeverity();
        return (rule.getMinSeverity() == null || severity >= rule.getMinSeverity())
                && (rule.getMaxSeverity() == null || severity <= rule.getMaxSeverity());
    }

    static boolean targets(PolicyRule rule, String destination, SharingPolicy policy, Members members) {
        Set<String> to = members.expand(rule.getTo(), policy.getGroups());
        return to.contains(destination) && !members.expand(rule.getExcept(), policy.getGroups()).contains(destination);
    }
}
