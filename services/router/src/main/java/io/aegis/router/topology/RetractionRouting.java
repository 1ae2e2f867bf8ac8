package io.aegis.router.topology;

import io.aegis.policy.Members;
import io.aegis.policy.TlpLabels;
import io.aegis.router.domain.DestinationDecision;
import io.aegis.router.domain.PolicyEngine;
import io.aegis.router.domain.RoutingPlan;
import io.aegis.router.domain.SharedSignals;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Propagates retractions and downgrades to earlier recipients. RETRACT: every recipient gets a
 * retraction notice, embargoed copies are cancelled, the coordination view is retracted. DOWNGRADE
 * (only ever narrower): the signal is re-evaluated under the origin's current policy; each earlier
 * recipient no longer allowed gets a retraction (and loses any embargoed copy), each one still
 * allowed gets the downgrade notice followed by a copy re-made under the stricter policy (re-redacted),
 * and an embargoed copy is re-made the same way before its release; the coordination view is
 * re-issued with the narrowed audience (the recipients kept), so that cases stop naming the signal to
 * the others. Every notice, copy and coordination record is audited.
 */
final class RetractionRouting {

    /** Where this class sends its outputs. */
    interface Outputs {
        void emit(Routed routed);

        void emitCoordination(ThreatSignal signal, CoordinationLevel level, int version, Instant now, boolean retracted);

        /** The coordination view of a downgraded signal: still counted, named only to {@code audience}. */
        void emitNarrowed(ThreatSignal narrowed, RoutingPlan plan, List<Delivery> audience, Instant now, String step);
    }

    private final Members members;
    private final KeyValueStore<String, RoutingState> signals;
    private final KeyValueStore<String, SharedSignal> embargo;
    private final PolicyLookup policies;
    private final Outputs out;

    RetractionRouting(Members members, KeyValueStore<String, RoutingState> signals, KeyValueStore<String, SharedSignal> embargo,
                      PolicyLookup policies, Outputs out) {
        this.members = members;
        this.signals = signals;
        this.embargo = embargo;
        this.policies = policies;
        this.out = out;
    }

    /** Applies the retraction, or returns why it cannot be applied (the caller sends it to the DLQ). */
    Optional<String> apply(Retraction retraction, Instant now) {
        RoutingState state = signals.get(retraction.getSignalId());
        if (state == null) {
            return Optional.of("retraction of unknown signal " + retraction.getSignalId());
        }
        if (!state.signal().getOriginCountry().equals(retraction.getOriginCountry())) {
            return Optional.of("retraction by " + retraction.getOriginCountry() + " of a signal published by " + state.signal().getOriginCountry());
        }
        if (state.retracted()) {
            return Optional.of("signal " + retraction.getSignalId() + " is already retracted");
        }
        return retraction.getKind() == RetractionKind.RETRACT ? retract(state, retraction, now) : downgrade(state, retraction, now);
    }

    private Optional<String> retract(RoutingState state, Retraction retraction, Instant now) {
        SharingPolicy policy = policies.current(state.signal().getOriginCountry());
        int version = policy == null ? 0 : policy.getVersion();
        Attribution attribution = policy == null ? Attribution.ANONYMOUS : policy.getAttribution();
        String step = "retract@" + retraction.getIssuedAt().toEpochMilli();
        for (Map.Entry<String, String> recipient : state.recipients().entrySet()) {
            notice(state.signal(), recipient, retraction, RetractionKind.RETRACT, "retracted by origin: " + retraction.getReason(),
                    attribution, version, now, step);
        }
        out.emitCoordination(state.signal(), policy == null ? CoordinationLevel.NONE : policy.getCoordination(), version, now, true);
        signals.put(retraction.getSignalId(), new RoutingState(state.signal(), true, Map.of()));
        return Optional.empty();
    }

    private Optional<String> downgrade(RoutingState state, Retraction retraction, Instant now) {
        SignalContent content = state.signal().getContent();
        Tlp newTlp = retraction.getNewTlp() == null ? content.getTlp() : retraction.getNewTlp();
        if (newTlp.ordinal() < content.getTlp().ordinal()) {
            return Optional.of("downgrade may only narrow: TLP " + TlpLabels.label(content.getTlp()) + " cannot become " + TlpLabels.label(newTlp));
        }
        List<String> recipients = retraction.getNewRecipients().isEmpty() ? content.getRecipients() : retraction.getNewRecipients();
        ThreatSignal narrowed = ThreatSignal.newBuilder(state.signal())
                .setContent(SignalContent.newBuilder(content).setTlp(newTlp).setRecipients(recipients).build()).build();
        SharingPolicy policy = policies.current(narrowed.getOriginCountry());
        RoutingPlan plan = PolicyEngine.evaluate(narrowed.getOriginCountry(), narrowed.getContent(), policy, members, now);
        String step = "downgrade@" + retraction.getIssuedAt().toEpochMilli();
        Map<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String> recipient : state.recipients().entrySet()) {
            DestinationDecision decision = plan.decisionFor(recipient.getKey());
            if (decision.outcome().delivers() && !recipient.getValue().isEmpty()) {
                kept.put(recipient.getKey(), recipient.getValue());
                reissuePending(narrowed, recipient.getValue(), decision, plan, now, step);
            } else if (decision.outcome().delivers()) {
                kept.put(recipient.getKey(), recipient.getValue());
                redeliver(narrowed, retraction, decision, plan, now, step);
            } else {
                notice(narrowed, recipient, retraction, RetractionKind.RETRACT,
                        "downgraded to TLP " + TlpLabels.label(newTlp) + ", no longer allowed: " + decision.reason(),
                        plan.attribution(), plan.policyVersion(), now, step);
            }
        }
        signals.put(narrowed.getId(), new RoutingState(narrowed, false, kept));
        out.emitNarrowed(narrowed, plan, audience(kept), now, step);
        return Optional.empty();
    }

    /**
     * A signal's recipients (country → "" when delivered, else its embargo key) as the coordination
     * record's audience: delivered ones at once, embargoed ones at their embargo end. Used when a
     * signal is routed and when a downgrade keeps some of them.
     */
    static List<Delivery> audience(Map<String, String> recipients) {
        List<Delivery> audience = new ArrayList<>();
        for (Map.Entry<String, String> recipient : recipients.entrySet()) {
            String embargoKey = recipient.getValue();
            Instant releasedAt = embargoKey.isEmpty() ? null : RoutingProcessor.deliverAtOf(embargoKey);
            audience.add(new Delivery(recipient.getKey(), releasedAt));
        }
        return audience;
    }

    /**
     * A recipient still allowed after a downgrade gets the downgrade notice, then a new copy made
     * under the stricter label: the origin's policy is re-applied (fields its REDACT rules now strip
     * are removed from the recipient's copy, not just relabelled), audited with its own decision.
     */
    private void redeliver(ThreatSignal narrowed, Retraction retraction, DestinationDecision decision, RoutingPlan plan,
                           Instant now, String step) {
        String destination = decision.destination();
        out.emit(new Routed.ToInbox(destination, new InboxEvent(
                SharedSignals.noticeFor(retraction, RetractionKind.DOWNGRADE, retraction.getReason(), plan.attribution()))));
        DecisionOutcome outcome = decision.redactedFields().isEmpty() ? DecisionOutcome.DELIVER : DecisionOutcome.DELIVER_REDACTED;
        RoutingDecision audit = Decisions.builder(narrowed, destination, outcome, plan.policyVersion(), decision.ruleIds(),
                        "downgraded to TLP " + TlpLabels.label(narrowed.getContent().getTlp()) + ", copy re-made under the stricter label; "
                                + decision.reason(), now, step)
                .setRedactedFields(decision.redactedFields()).build();
        out.emit(new Routed.ToAudit(audit, ReceiptKind.DOWNGRADED));
        out.emit(new Routed.ToInbox(destination, new InboxEvent(SharedSignals.copyFor(narrowed, decision, plan, now, audit.getDecisionId()))));
    }

    /** A copy still under embargo is re-made under the narrowed label and released when its embargo ends, as first decided. */
    private void reissuePending(ThreatSignal narrowed, String embargoKey, DestinationDecision decision, RoutingPlan plan,
                                Instant now, String step) {
        SharedSignal pending = embargo.get(embargoKey);
        if (pending == null) {
            return;
        }
        Instant releaseAt = pending.getSharedAt();
        RoutingDecision audit = Decisions.builder(narrowed, decision.destination(), DecisionOutcome.DELAY, plan.policyVersion(),
                        decision.ruleIds(), "downgraded to TLP " + TlpLabels.label(narrowed.getContent().getTlp())
                                + " while under embargo; copy re-made, still released at " + releaseAt + "; " + decision.reason(), now, step)
                .setRedactedFields(decision.redactedFields()).setDeliverAt(releaseAt).build();
        out.emit(new Routed.ToAudit(audit, null));
        embargo.put(embargoKey, SharedSignals.copyFor(narrowed, decision, plan, releaseAt, audit.getDecisionId()));
    }

    private void notice(ThreatSignal signal, Map.Entry<String, String> recipient, Retraction retraction, RetractionKind kind,
                        String reason, Attribution attribution, int version, Instant now, String step) {
        String destination = recipient.getKey();
        boolean embargoed = !recipient.getValue().isEmpty();
        if (embargoed) {
            embargo.delete(recipient.getValue());
        } else {
            out.emit(new Routed.ToInbox(destination, new InboxEvent(SharedSignals.noticeFor(retraction, kind, reason, attribution))));
        }
        String audited = embargoed ? reason + " (embargoed copy cancelled before release)" : reason;
        out.emit(new Routed.ToAudit(Decisions.builder(signal, destination, DecisionOutcome.RETRACT, version, List.of(), audited, now, step)
                .build(), embargoed ? null : ReceiptKind.RETRACTED));
    }
}
