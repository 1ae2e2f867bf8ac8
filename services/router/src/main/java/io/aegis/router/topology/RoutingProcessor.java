package io.aegis.router.topology;

import io.aegis.policy.Members;
import io.aegis.policy.PolicyValidator;
import io.aegis.router.domain.CoordinationView;
import io.aegis.router.domain.DestinationDecision;
import io.aegis.router.domain.Outcome;
import io.aegis.router.domain.PolicyEngine;
import io.aegis.router.domain.RoutingPlan;
import io.aegis.router.domain.SharedSignals;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.schema.routing.DeliveryReport;
import io.aegis.schema.routing.PolicyStatus;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import io.aegis.kafka.dlq.DlqRecords;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Routes every outbox record: origin checks first (failures go to the DLQ and nothing is
 * delivered), then the policy engine decides per destination; copies go to inboxes now or into the
 * embargo store, one audit decision per destination plus one for the coordination view. A wall-clock
 * punctuator releases due embargoes; state and outputs commit together (exactly_once_v2), so each
 * copy is released once. Retractions and downgrades are delegated to {@link RetractionRouting}.
 */
final class RoutingProcessor implements Processor<byte[], byte[], String, Routed>, RetractionRouting.Outputs {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingProcessor.class);

    private final Members members;
    private final Deserializer<OutboxEvent> outboxEvents;
    private final CoordinationView coordinationView;
    private final Duration punctuateEvery;
    private final String service;
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, RoutingState> signals;
    private KeyValueStore<String, SharedSignal> embargo;
    private PolicyLookup policies;
    private OriginCheck originCheck;
    private RetractionRouting retractions;
    private PolicySubmissions policySubmissions;
    /** Decisions taken while handling the current record, per signal, for the origin's delivery report. */
    private final Map<String, List<RoutingDecision>> reports = new java.util.LinkedHashMap<>();

    RoutingProcessor(Members members, Deserializer<OutboxEvent> outboxEvents, CoordinationView view, Duration punctuateEvery, String service) {
        this.service = service;
        this.members = members;
        this.outboxEvents = outboxEvents;
        this.coordinationView = view;
        this.punctuateEvery = punctuateEvery;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.signals = context.getStateStore(RouterTopology.SIGNALS_STORE);
        this.embargo = context.getStateStore(RouterTopology.EMBARGO_STORE);
        this.policies = new PolicyLookup(context.getStateStore(RouterTopology.POLICIES_STORE), members);
        this.originCheck = new OriginCheck(members);
        this.retractions = new RetractionRouting(members, signals, embargo, policies, this);
        this.policySubmissions = new PolicySubmissions(new PolicyValidator(members), policies,
                context.getStateStore(RouterTopology.ACCEPTED_POLICIES_STORE), this);
        context.schedule(punctuateEvery, PunctuationType.WALL_CLOCK_TIME, this::releaseDue);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        String key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (record.value() == null) {
            reject(record, "empty value: an outbox record must carry an OutboxEvent");
            return;
        }
        OutboxEvent event;
        try {
            event = outboxEvents.deserialize(topic, record.headers(), record.value());
        } catch (RuntimeException e) {
            reject(record, "cannot deserialize an OutboxEvent from " + topic + ": " + e.getMessage());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Optional<String> failure;
        Object payload = event.getPayload();
        if (payload instanceof ThreatSignal signal) {
            failure = originCheck.check(topic, key, signal).or(() -> route(signal, now));
        } else if (payload instanceof Retraction retraction) {
            failure = originCheck.check(topic, key, retraction).or(() -> retractions.apply(retraction, now));
        } else if (payload instanceof Receipt receipt) {
            failure = forward(topic, key, receipt);
        } else {
            failure = policySubmissions.apply(topic, key, (SharingPolicy) payload, now);
        }
        if (failure.isPresent()) {
            // every check runs before the first decision, so a rejected record has nothing to report
            reports.clear();
            reject(record, failure.get());
        } else {
            flushReports();
        }
    }

    /**
     * A receipt from the node of the outbox's country: re-published on {@code aegis.receipts} and
     * forwarded to the signal's origin. The signal's state is in this task because every outbox
     * has the same partition count and both records are keyed by the signal id.
     */
    private Optional<String> forward(String topic, String key, Receipt receipt) {
        String country = TopicNames.countryOf(topic);
        if (!country.equals(receipt.getCountry())) {
            return Optional.of("forged receipt: " + topic + " may only carry receipts of " + country
                    + ", the receipt names " + receipt.getCountry());
        }
        if (!receipt.getSignalId().equals(key)) {
            return Optional.of("record key '" + key + "' must equal the receipt's signal id '" + receipt.getSignalId() + "'");
        }
        RoutingState state = signals.get(receipt.getSignalId());
        if (state == null) {
            return Optional.of("receipt for signal " + receipt.getSignalId() + ", which this router never routed"
                    + " (or an outbox with a different partition count put it in another task)");
        }
        emit(new Routed.ToReceipts(receipt));
        emit(new Routed.ToInbox(state.signal().getOriginCountry(), new InboxEvent(receipt)));
        return Optional.empty();
    }

    /** One delivery report per signal to its origin's inbox, with every decision just taken on it. */
    private void flushReports() {
        List<Map.Entry<String, List<RoutingDecision>>> due = new java.util.ArrayList<>(reports.entrySet());
        reports.clear();
        for (Map.Entry<String, List<RoutingDecision>> entry : due) {
            String origin = entry.getValue().get(0).getOriginCountry();
            emit(new Routed.ToInbox(origin, new InboxEvent(new DeliveryReport(entry.getKey(), origin, entry.getValue()))));
        }
    }

    private Optional<String> route(ThreatSignal signal, Instant now) {
        if (signals.get(signal.getId()) != null) {
            return Optional.of("duplicate signal id " + signal.getId() + ": already routed, not routed again");
        }
        RoutingPlan plan = PolicyEngine.evaluate(signal.getOriginCountry(), signal.getContent(),
                policies.current(signal.getOriginCountry()), members, now);
        Map<String, String> recipients = new TreeMap<>();
        for (DestinationDecision decision : plan.decisions()) {
            RoutingDecision audit = Decisions.of(signal, decision, plan.policyVersion(), now);
            boolean deliversNow = decision.outcome() == Outcome.DELIVER || decision.outcome() == Outcome.DELIVER_REDACTED;
            emit(new Routed.ToAudit(audit, deliversNow ? ReceiptKind.DELIVERED : null));
            if (deliversNow) {
                SharedSignal copy = SharedSignals.copyFor(signal, decision, plan, now, audit.getDecisionId());
                emit(new Routed.ToInbox(decision.destination(), new InboxEvent(copy)));
                recipients.put(decision.destination(), "");
            } else if (decision.outcome() == Outcome.DELAY) {
                String embargoKey = embargoKey(decision.deliverAt(), signal.getId(), decision.destination());
                embargo.put(embargoKey, SharedSignals.copyFor(signal, decision, plan, decision.deliverAt(), audit.getDecisionId()));
                recipients.put(decision.destination(), embargoKey);
            }
        }
        List<Delivery> audience = RetractionRouting.audience(recipients);
        emitCoordination(signal, plan.coordination(), plan.policyVersion(), now, false,
                view -> CoordinationSignal.newBuilder(view).setAudience(audience).setAttribution(plan.attribution()).build(),
                Decisions.COORDINATION);
        signals.put(signal.getId(), new RoutingState(signal, false, recipients));
        return Optional.empty();
    }

    @Override
    public void emitCoordination(ThreatSignal signal, CoordinationLevel level, int version, Instant now, boolean retracted) {
        emitCoordination(signal, level, version, now, retracted, UnaryOperator.identity(), Decisions.COORDINATION);
    }

    /**
     * A downgrade re-issues the (non-retracted) coordination view with the recipients still allowed:
     * escalation narrows the facts it holds with it and never counts it again.
     */
    @Override
    public void emitNarrowed(ThreatSignal narrowed, RoutingPlan plan, List<Delivery> audience, Instant now, String step) {
        emitCoordination(narrowed, plan.coordination(), plan.policyVersion(), now, false,
                view -> CoordinationSignal.newBuilder(view).setAudience(audience).setAttribution(plan.attribution())
                        .setUpdate(true).build(),
                "coordination-" + step);
    }

    /**
     * The coordination view, completed by {@code needToKnow} with the members the signal reached and
     * the origin's attribution level, so that later case copies name it only to them (a retraction
     * needs neither: it only takes the signal out of the figures). {@code plainStep} names the audit step
     * of a non-retracted view (a downgrade has its own, so its decision id differs from the first one's).
     */
    private void emitCoordination(ThreatSignal signal, CoordinationLevel level, int version, Instant now, boolean retracted,
                                  UnaryOperator<CoordinationSignal> needToKnow, String plainStep) {
        Optional<CoordinationSignal> view = coordinationView.of(signal, level, retracted).map(needToKnow);
        String step = retracted ? "coordination-retract" : plainStep;
        String reason = "coordination level " + level + " set by " + signal.getOriginCountry() + " policy v" + version;
        emit(new Routed.ToAudit(Decisions.builder(signal, Decisions.COORDINATION,
                view.isPresent() ? (retracted ? DecisionOutcome.RETRACT : DecisionOutcome.DELIVER) : DecisionOutcome.WITHHOLD,
                version, List.of(), reason, now, step).build(), null));
        view.ifPresent(v -> emit(new Routed.ToCoordination(CorrelationKeys.of(v), v)));
    }

    private void releaseDue(long wallClockMs) {
        String upper = embargoKey(Instant.ofEpochMilli(wallClockMs), "\uffff", "");
        List<org.apache.kafka.streams.KeyValue<String, SharedSignal>> due = new java.util.ArrayList<>();
        try (KeyValueIterator<String, SharedSignal> it = embargo.range("", upper)) {
            it.forEachRemaining(due::add);
        }
        Instant now = Instant.ofEpochMilli(wallClockMs);
        for (org.apache.kafka.streams.KeyValue<String, SharedSignal> entry : due) {
            embargo.delete(entry.key);
            RoutingState state = signals.get(entry.value.getSignalId());
            SharedSignal copy = SharedSignal.newBuilder(entry.value).setSharedAt(now).build();
            String destination = copy.getDestination();
            emit(new Routed.ToAudit(Decisions.builder(state.signal(), destination, DecisionOutcome.RELEASE, copy.getPolicyVersion(),
                    copy.getRuleIds(), "embargo ended; released as decided by " + copy.getDecisionId(), now, "release")
                    .setRedactedFields(copy.getRedactedFields()).build(), ReceiptKind.DELIVERED));
            emit(new Routed.ToInbox(destination, new InboxEvent(copy)));
            Map<String, String> recipients = new TreeMap<>(state.recipients());
            recipients.put(destination, "");
            signals.put(copy.getSignalId(), new RoutingState(state.signal(), state.retracted(), recipients));
        }
        flushReports();
    }

    static String embargoKey(Instant deliverAt, String signalId, String destination) {
        return String.format("%019d|%s|%s", deliverAt.toEpochMilli(), signalId, destination);
    }

    /** When the copy held under {@code embargoKey} is released: the time {@link #embargoKey} starts with. */
    static Instant deliverAtOf(String embargoKey) {
        return Instant.ofEpochMilli(Long.parseLong(embargoKey.substring(0, embargoKey.indexOf('|'))));
    }

    @Override
    public void emit(Routed routed) {
        if (routed instanceof Routed.ToAudit audit) {
            reports.computeIfAbsent(audit.decision().getSignalId(), id -> new java.util.ArrayList<>()).add(audit.decision());
        }
        context.forward(new Record<>(keyOf(routed), routed, context.currentSystemTimeMs(), new RecordHeaders()));
    }

    private static String keyOf(Routed routed) {
        if (routed instanceof Routed.ToInbox inbox) {
            return inboxKey(inbox.event().getPayload());
        }
        if (routed instanceof Routed.ToCoordination coordination) {
            return coordination.correlationKey();
        }
        if (routed instanceof Routed.ToReceipts receipts) {
            return receipts.receipt().getSignalId();
        }
        if (routed instanceof Routed.ToPolicies policy) {
            return policy.policy().getCountry();
        }
        return routed instanceof Routed.ToAudit audit ? audit.decision().getSignalId() : null;
    }

    /** Inbox records are keyed by the signal they concern; policy answers by {@link TopicNames#POLICY_KEY}. */
    private static String inboxKey(Object payload) {
        if (payload instanceof SharedSignal shared) {
            return shared.getSignalId();
        }
        if (payload instanceof Retraction retraction) {
            return retraction.getSignalId();
        }
        if (payload instanceof DeliveryReport report) {
            return report.getSignalId();
        }
        if (payload instanceof Receipt receipt) {
            return receipt.getSignalId();
        }
        if (payload instanceof PolicyStatus) {
            return TopicNames.POLICY_KEY;
        }
        throw new IllegalArgumentException("the router writes no " + payload.getClass().getSimpleName() + " to inboxes");
    }

    private void reject(Record<byte[], byte[]> record, String reason) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Headers headers = DlqRecords.toDlq(new DlqRecords.Source(source.topic(), source.partition(), source.offset()),
                record.key(), record.value(), record.headers(), service, reason, null).headers();
        LOG.warn("rejected {}-{}@{} to the DLQ: {}", source.topic(), source.partition(), source.offset(), reason);
        context.forward(new Record<String, Routed>(null, new Routed.ToDlq(record.key(), record.value(), reason), record.timestamp(), headers));
    }
}
