package io.aegis.router.domain;

import io.aegis.policy.Redactor;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Makes the copies destinations receive: a signal redacted and attributed as the origin's policy
 * requires for that destination, and retraction notices carrying only the origin fields the
 * attribution level allows (and never the origin's signature).
 */
public final class SharedSignals {

    private SharedSignals() {
    }

    public static SharedSignal copyFor(
            ThreatSignal signal, DestinationDecision decision, RoutingPlan plan, Instant sharedAt, String decisionId) {
        Attribution attribution = plan.attribution();
        return SharedSignal.newBuilder()
                .setSignalId(signal.getId())
                .setDestination(decision.destination())
                .setOriginCountry(attribution == Attribution.ANONYMOUS ? null : signal.getOriginCountry())
                .setOriginAgency(attribution == Attribution.AGENCY ? signal.getOriginAgency() : null)
                .setAttribution(attribution)
                .setSubmittedAt(signal.getSubmittedAt())
                .setSharedAt(sharedAt)
                .setContent(Redactor.apply(signal.getContent(), decision.redactedFields()))
                .setRedactedFields(decision.redactedFields())
                .setContentHash(signal.getContentHash())
                .setPolicyVersion(plan.policyVersion())
                .setRuleIds(decision.ruleIds())
                .setDecisionId(decisionId)
                .build();
    }

    /** The inbox copy of a retraction or downgrade notice for one earlier recipient. */
    public static Retraction noticeFor(Retraction source, RetractionKind kind, String reason, Attribution attribution) {
        return Retraction.newBuilder(source)
                .setKind(kind)
                .setReason(reason)
                .setOriginCountry(attribution == Attribution.ANONYMOUS ? null : source.getOriginCountry())
                .setOriginAgency(attribution == Attribution.AGENCY ? source.getOriginAgency() : null)
                .setSignature(ByteBuffer.allocate(0))
                .build();
    }
}
