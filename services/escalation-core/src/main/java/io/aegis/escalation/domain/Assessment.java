package io.aegis.escalation.domain;

import io.aegis.schema.common.Tier;
import java.util.List;

/**
 * What the rules say about a group at one moment: the highest tier any rule (or category floor)
 * reaches, the ids of the rules that reach it, why in words, and the figures of the window of
 * the first such rule.
 */
public record Assessment(Tier tier, List<String> ruleIds, String reason, WindowStats stats) {

    public Assessment {
        ruleIds = List.copyOf(ruleIds);
    }
}
