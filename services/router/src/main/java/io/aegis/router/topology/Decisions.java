package io.aegis.router.topology;

import io.aegis.router.domain.DestinationDecision;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds audit records. Decision ids are name-based UUIDs, so a re-run of the same step yields the same id. */
final class Decisions {

    /** Destination name of the coordination view's decision. */
    static final String COORDINATION = "coordination";

    private Decisions() {
    }

    static String id(String signalId, String destination, String step) {
        return UUID.nameUUIDFromBytes((signalId + "|" + destination + "|" + step).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static RoutingDecision of(ThreatSignal signal, DestinationDecision decision, int policyVersion, Instant decidedAt) {
        DecisionOutcome outcome = switch (decision.outcome()) {
            case DELIVER -> DecisionOutcome.DELIVER;
            case DELIVER_REDACTED -> DecisionOutcome.DELIVER_REDACTED;
            case DELAY -> DecisionOutcome.DELAY;
            case WITHHOLD -> DecisionOutcome.WITHHOLD;
        };
        return builder(signal, decision.destination(), outcome, policyVersion, decision.ruleIds(), decision.reason(), decidedAt, "route")
                .setRedactedFields(decision.redactedFields())
                .setDeliverAt(decision.deliverAt())
                .build();
    }

    static RoutingDecision.Builder builder(ThreatSignal signal, String destination, DecisionOutcome outcome, int policyVersion,
                                           List<String> ruleIds, String reason, Instant decidedAt, String step) {
        return RoutingDecision.newBuilder()
                .setDecisionId(id(signal.getId(), destination, step))
                .setSignalId(signal.getId())
                .setOriginCountry(signal.getOriginCountry())
                .setDestination(destination)
                .setOutcome(outcome)
                .setPolicyVersion(policyVersion)
                .setRuleIds(ruleIds)
                .setReason(reason)
                .setRedactedFields(List.of())
                .setDeliverAt(null)
                .setDecidedAt(decidedAt)
                .setContentHash(signal.getContentHash())
                .setTlp(signal.getContent().getTlp())
                .setPrevHash("")
                .setHash("");
    }
}
