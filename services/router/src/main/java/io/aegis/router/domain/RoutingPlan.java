package io.aegis.router.domain;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.CoordinationLevel;
import java.util.List;

/**
 * Everything the policy engine decided for one signal: one decision per destination (every member
 * but the origin), and the origin's coordination and attribution levels, all under one policy version.
 */
public record RoutingPlan(
        int policyVersion, List<DestinationDecision> decisions, CoordinationLevel coordination, Attribution attribution) {

    public RoutingPlan {
        decisions = List.copyOf(decisions);
    }

    /** Decisions that deliver now or later. */
    public List<DestinationDecision> delivered() {
        return decisions.stream().filter(d -> d.outcome().delivers()).toList();
    }

    public DestinationDecision decisionFor(String destination) {
        return decisions.stream().filter(d -> d.destination().equals(destination)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no decision for " + destination));
    }
}
