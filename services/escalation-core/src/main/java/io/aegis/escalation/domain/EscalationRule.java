package io.aegis.escalation.domain;

import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.Objects;

/**
 * One configured rule: when its conditions hold over its window, a group reaches its tier.
 *
 * @param id     unique rule id, named on every escalation it causes
 * @param tier   the tier the rule sets
 * @param window name of the window (a key of {@link EscalationRules#windows()})
 * @param length the window's length
 * @param when   the thresholds
 */
public record EscalationRule(String id, Tier tier, String window, Duration length, RuleConditions when) {

    public EscalationRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(when, "when");
    }
}
