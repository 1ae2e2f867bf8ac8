package io.aegis.node.topology;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.SequenceClock;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.routing.DeliveryReport;
import io.aegis.schema.routing.PolicyStatus;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.common.Tlp;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * {@code aegis.inbox.<CC>}, everything the network says to this country, → the node's stores:
 * shared signals and retraction notices into the inbox views (answered with a {@link Receipt}
 * written on this country's own outbox, which the router forwards to the origin); delivery
 * reports and receipts on this country's own signals; the router's answers to submitted
 * policies; and the state of the joint cases this country takes part in, with every copy received (their history). Invariants: a signal id
 * is stored at most once (redeliveries produce no second item); a retraction or downgrade of a held
 * item becomes an ordered event and a retraction leaves only a tombstone ({@link InboxWithdrawals});
 * the node reads no topic but its own inbox, notifications and outbox.
 */
final class InboxTopology {

    private static final Logger LOG = LoggerFactory.getLogger(InboxTopology.class);

    private InboxTopology() {
    }

    static KStream<String, Receipt> build(StreamsBuilder builder, Topics topics, SerdeFactory serdes,
                                          NodeTopology.Settings settings) {
        Topic<String, InboxEvent> inbox = topics.inbox(settings.country());
        Topic<String, OutboxEvent> outbox = topics.outbox(settings.country());
        builder.addStateStore(NodeTopology.store(StoreNames.INBOX_ITEMS,
                serdes.value(SharedSignal.class), settings.persistent()));
        builder.addStateStore(NodeTopology.index(StoreNames.INBOX_INDEX, settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.INBOX_WITHDRAWALS, serdes.value(Retraction.class), settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.INBOX_WITHDRAWAL_INDEX,
                serdes.value(Retraction.class), settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.DELIVERY_DECISIONS,
                serdes.value(RoutingDecision.class), settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.DELIVERY_RECEIPTS, serdes.value(Receipt.class), settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.POLICY, serdes.value(SharingPolicy.class), settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.POLICY_SUBMISSIONS,
                serdes.value(PolicyStatus.class), settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.CASES, serdes.value(EmergencyCase.class), settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.CASE_HISTORY, serdes.value(EmergencyCase.class), settings.persistent()));
        builder.addStateStore(NodeTopology.index(StoreNames.STIX_INBOX, settings.persistent()));
        builder.addStateStore(NodeTopology.index(StoreNames.STIX_INBOX_INDEX, settings.persistent()));
        KStream<String, Receipt> out = builder.stream(inbox.name(), inbox.consumed().withName("inbox-source"))
                .process(() -> new InboxProcessor(settings), Named.as("inbox-apply"),
                        StoreNames.INBOX_ITEMS, StoreNames.INBOX_INDEX, StoreNames.INBOX_WITHDRAWALS,
                        StoreNames.INBOX_WITHDRAWAL_INDEX, StoreNames.DELIVERY_DECISIONS,
                        StoreNames.DELIVERY_RECEIPTS, StoreNames.POLICY, StoreNames.POLICY_SUBMISSIONS, StoreNames.CASES,
                        StoreNames.CASE_HISTORY, StoreNames.STIX_INBOX, StoreNames.STIX_INBOX_INDEX);
        out.mapValues(receipt -> new OutboxEvent(receipt), Named.as("inbox-receipt-wrap"))
                .to(outbox.name(), outbox.produced().withName("inbox-receipts"));
        return out;
    }

    /** Applies one inbox event to the stores and forwards the receipt it earns. */
    static final class InboxProcessor implements Processor<String, InboxEvent, String, Receipt> {

        private final NodeTopology.Settings settings;
        private ProcessorContext<String, Receipt> context;
        private KeyValueStore<String, SharedSignal> items;
        private KeyValueStore<String, String> index;
        private InboxWithdrawals withdrawals;
        private OwnDeliveryState delivery;
        private PolicyState policy;
        private CaseState cases;
        private StixFeed stix;

        InboxProcessor(NodeTopology.Settings settings) {
            this.settings = settings;
        }

        @Override
        public void init(ProcessorContext<String, Receipt> context) {
            this.context = context;
            this.items = context.getStateStore(StoreNames.INBOX_ITEMS);
            this.index = context.getStateStore(StoreNames.INBOX_INDEX);
            this.stix = new StixFeed(context.getStateStore(StoreNames.STIX_INBOX), context.getStateStore(StoreNames.STIX_INBOX_INDEX));
            this.withdrawals = new InboxWithdrawals(items, index, context.getStateStore(StoreNames.INBOX_WITHDRAWALS),
                    context.getStateStore(StoreNames.INBOX_WITHDRAWAL_INDEX), settings.clock(), stix);
            this.delivery = new OwnDeliveryState(settings.country(), context.getStateStore(StoreNames.DELIVERY_DECISIONS),
                    context.getStateStore(StoreNames.DELIVERY_RECEIPTS));
            this.policy = new PolicyState(settings.country(), context.getStateStore(StoreNames.POLICY),
                    context.getStateStore(StoreNames.POLICY_SUBMISSIONS));
            this.cases = new CaseState(settings.country(), context.getStateStore(StoreNames.CASES),
                    context.getStateStore(StoreNames.CASE_HISTORY));
        }

        @Override
        public void process(Record<String, InboxEvent> record) {
            if (record.value() == null) {
                return;
            }
            Object payload = record.value().getPayload();
            if (payload instanceof SharedSignal shared) {
                deliver(record, shared);
            } else if (payload instanceof Retraction retraction) {
                retract(record, retraction);
            } else if (payload instanceof DeliveryReport report) {
                if (!delivery.apply(report)) {
                    LOG.warn("Ignoring delivery report on signal {} of {}, not {}", report.getSignalId(),
                            report.getOriginCountry(), settings.country());
                }
            } else if (payload instanceof Receipt receipt) {
                delivery.apply(receipt);
            } else if (payload instanceof PolicyStatus status) {
                policy.apply(status);
            } else if (payload instanceof EmergencyCase emergency) {
                cases.apply(emergency);
            }
        }

        private void deliver(Record<String, InboxEvent> record, SharedSignal shared) {
            if (!settings.country().equals(shared.getDestination())) {
                LOG.warn("Ignoring inbox copy of signal {} made for {}, not {}", shared.getSignalId(),
                        shared.getDestination(), settings.country());
                return;
            }
            String held = index.get(shared.getSignalId());
            if (held == null && !withdrawals.retracted(shared.getSignalId())) {
                String cursor = SequenceClock.cursor(settings.clock().next());
                items.put(cursor, shared);
                index.put(shared.getSignalId(), cursor);
                stix.put(cursor, shared.getSignalId(), shared.getSharedAt());
                settings.inboxLag().accept(Math.max(0, context.currentSystemTimeMs() - shared.getSharedAt().toEpochMilli()));
            } else if (held != null) {
                remade(held, shared);
            }
            forward(record, shared.getSignalId(), ReceiptKind.DELIVERED);
        }

        /**
         * A copy the router re-made after a downgrade (a newer decision, released later) replaces the held
         * one in place: the stricter label may redact more, and the holder must not keep what it no longer
         * may see. A redelivery of an older copy changes nothing, and the label never widens.
         */
        private void remade(String cursor, SharedSignal shared) {
            SharedSignal stored = items.get(cursor);
            if (stored == null || stored.getDecisionId().equals(shared.getDecisionId())
                    || !shared.getSharedAt().isAfter(stored.getSharedAt())) {
                return;
            }
            Tlp tlp = shared.getContent().getTlp().ordinal() >= stored.getContent().getTlp().ordinal()
                    ? shared.getContent().getTlp() : stored.getContent().getTlp();
            items.put(cursor, SharedSignal.newBuilder(shared)
                    .setContent(SignalContent.newBuilder(shared.getContent()).setTlp(tlp).build()).build());
            stix.put(SequenceClock.cursor(settings.clock().next()), shared.getSignalId(), shared.getSharedAt());
        }

        private void retract(Record<String, InboxEvent> record, Retraction retraction) {
            // answered whether or not this node held the signal: the origin learns the notice arrived
            withdrawals.apply(retraction);
            forward(record, retraction.getSignalId(),
                    retraction.getKind() == RetractionKind.RETRACT ? ReceiptKind.RETRACTED : ReceiptKind.DOWNGRADED);
        }

        private void forward(Record<String, InboxEvent> record, String signalId, ReceiptKind kind) {
            Receipt receipt = Receipt.newBuilder().setSignalId(signalId).setCountry(settings.country()).setKind(kind)
                    .setAt(Instant.ofEpochMilli(context.currentSystemTimeMs())).setNodeId(settings.nodeId()).build();
            context.forward(record.withKey(signalId).withValue(receipt));
        }
    }
}
