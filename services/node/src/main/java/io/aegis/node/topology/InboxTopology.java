package io.aegis.node.topology;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.SequenceClock;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
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
 * {@code aegis.inbox.<CC>} → inbox stores, and a {@link Receipt} on {@code aegis.receipts} for
 * every delivery, retraction and downgrade applied. Invariants: a signal id is stored at most
 * once (redeliveries produce no second item); a retraction removes the item from every view.
 */
final class InboxTopology {

    private static final Logger LOG = LoggerFactory.getLogger(InboxTopology.class);

    private InboxTopology() {
    }

    static KStream<String, Receipt> build(StreamsBuilder builder, Topics topics, SerdeFactory serdes,
                                          NodeTopology.Settings settings) {
        Topic<String, InboxEvent> inbox = topics.inbox(settings.country());
        Topic<String, Receipt> receipts = topics.receipts();
        builder.addStateStore(NodeTopology.store(StoreNames.INBOX_ITEMS,
                serdes.value(SharedSignal.class), settings.persistent()));
        builder.addStateStore(NodeTopology.index(StoreNames.INBOX_INDEX, settings.persistent()));
        KStream<String, Receipt> out = builder.stream(inbox.name(), inbox.consumed().withName("inbox-source"))
                .process(() -> new InboxProcessor(settings), Named.as("inbox-apply"),
                        StoreNames.INBOX_ITEMS, StoreNames.INBOX_INDEX);
        out.to(receipts.name(), receipts.produced().withName("inbox-receipts"));
        return out;
    }

    /** Applies one inbox event to the stores and forwards the receipt it earns. */
    static final class InboxProcessor implements Processor<String, InboxEvent, String, Receipt> {

        private final NodeTopology.Settings settings;
        private ProcessorContext<String, Receipt> context;
        private KeyValueStore<String, SharedSignal> items;
        private KeyValueStore<String, String> index;

        InboxProcessor(NodeTopology.Settings settings) {
            this.settings = settings;
        }

        @Override
        public void init(ProcessorContext<String, Receipt> context) {
            this.context = context;
            this.items = context.getStateStore(StoreNames.INBOX_ITEMS);
            this.index = context.getStateStore(StoreNames.INBOX_INDEX);
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
            }
        }

        private void deliver(Record<String, InboxEvent> record, SharedSignal shared) {
            if (!settings.country().equals(shared.getDestination())) {
                LOG.warn("Ignoring inbox copy of signal {} made for {}, not {}", shared.getSignalId(),
                        shared.getDestination(), settings.country());
                return;
            }
            if (index.get(shared.getSignalId()) == null) {
                String cursor = SequenceClock.cursor(settings.clock().next());
                items.put(cursor, shared);
                index.put(shared.getSignalId(), cursor);
                settings.inboxLag().accept(Math.max(0, context.currentSystemTimeMs() - shared.getSharedAt().toEpochMilli()));
            }
            forward(record, shared.getSignalId(), ReceiptKind.DELIVERED);
        }

        private void retract(Record<String, InboxEvent> record, Retraction retraction) {
            String cursor = index.get(retraction.getSignalId());
            if (retraction.getKind() == RetractionKind.RETRACT) {
                if (cursor != null) {
                    items.delete(cursor);
                    index.delete(retraction.getSignalId());
                }
                forward(record, retraction.getSignalId(), ReceiptKind.RETRACTED);
                return;
            }
            SharedSignal shared = cursor == null ? null : items.get(cursor);
            if (shared != null) {
                SignalContent.Builder content = SignalContent.newBuilder(shared.getContent());
                if (retraction.getNewTlp() != null) {
                    content.setTlp(retraction.getNewTlp());
                }
                if (!retraction.getNewRecipients().isEmpty()) {
                    content.setRecipients(retraction.getNewRecipients());
                }
                items.put(cursor, SharedSignal.newBuilder(shared).setContent(content.build()).build());
            }
            forward(record, retraction.getSignalId(), ReceiptKind.DOWNGRADED);
        }

        private void forward(Record<String, InboxEvent> record, String signalId, ReceiptKind kind) {
            Receipt receipt = Receipt.newBuilder().setSignalId(signalId).setCountry(settings.country()).setKind(kind)
                    .setAt(Instant.ofEpochMilli(context.currentSystemTimeMs())).setNodeId(settings.nodeId()).build();
            context.forward(record.withKey(signalId).withValue(receipt));
        }
    }
}
