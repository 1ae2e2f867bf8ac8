package io.aegis.router.topology;

import io.aegis.router.domain.CoordinationView;
import io.aegis.router.domain.DestinationDecision;
import io.aegis.router.domain.Members;
import io.aegis.router.domain.Outcome;
import io.aegis.router.domain.PolicyEngine;
import io.aegis.router.domain.RoutingPlan;
import io.aegis.router.domain.SharedSignals;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.InboxEvent;
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
        if (event.getPayload() instanceof ThreatSignal signal) {
            failure = originCheck.check(topic, key, signal).or(() -> route(signal, now));
        } else {
            Retraction retraction = (Retraction) event.getPayload();
            failure = originCheck.check(topic, key, retraction).or(() -> retractions.apply(retraction, now));
        }
        failure.ifPresent(reason -> reject(record, reason));
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
        emitCoordination(signal, plan.coordination(), plan.policyVersion(), now, false);
        signals.put(signal.getId(), new RoutingState(signal, false, recipients));
        return Optional.empty();
    }

    @Override
    public void emitCoordination(ThreatSignal signal, CoordinationLevel level, int version, Instant now, boolean retracted) {
        Optional<io.aegis.schema.routing.CoordinationSignal> view = coordinationView.of(signal, level, retracted);
        String step = retracted ? "coordination-retract" : "coordination";
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
    }

    static String embargoKey(Instant deliverAt, String signalId, String destination) {
        return String.format("%019d|%s|%s", deliverAt.toEpochMilli(), signalId, destination);
    }

    @Override
    public void emit(Routed routed) {
        context.forward(new Record<>(keyOf(routed), routed, context.currentSystemTimeMs(), new RecordHeaders()));
    }

    private static String keyOf(Routed routed) {
        if (routed instanceof Routed.ToInbox inbox) {
            return inbox.event().getPayload() instanceof SharedSignal s ? s.getSignalId() : ((Retraction) inbox.event().getPayload()).getSignalId();
        }
        if (routed instanceof Routed.ToCoordination coordination) {
            return coordination.correlationKey();
        }
        return routed instanceof Routed.ToAudit audit ? audit.decision().getSignalId() : null;
    }

    private void reject(Record<byte[], byte[]> record, String reason) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Headers headers = DlqRecords.toDlq(new DlqRecords.Source(source.topic(), source.partition(), source.offset()),
                record.key(), record.value(), record.headers(), service, reason, null).headers();
        LOG.warn("rejected {}-{}@{} to the DLQ: {}", source.topic(), source.partition(), source.offset(), reason);
        context.forward(new Record<String, Routed>(null, new Routed.ToDlq(record.key(), record.value(), reason), record.timestamp(), headers));
    }
}
