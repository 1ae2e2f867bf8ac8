package io.aegis.node.topology;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.node.domain.SequenceClock;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.ThreatSignal;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code aegis.outbox.<CC>} → the signals this node published and their latest retraction or
 * downgrade, so that the node can show them and refuse to retract what it did not publish.
 */
final class OwnSignalsTopology {

    private OwnSignalsTopology() {
    }

    static void build(StreamsBuilder builder, Topics topics, SerdeFactory serdes, NodeTopology.Settings settings) {
        Topic<String, OutboxEvent> outbox = topics.outbox(settings.country());
        builder.addStateStore(NodeTopology.store(StoreNames.OWN_SIGNALS, serdes.value(ThreatSignal.class), settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.OWN_RETRACTIONS, serdes.value(Retraction.class), settings.persistent()));
        builder.addStateStore(NodeTopology.index(StoreNames.STIX_OUTBOX, settings.persistent()));
        builder.addStateStore(NodeTopology.index(StoreNames.STIX_OUTBOX_INDEX, settings.persistent()));
        builder.stream(outbox.name(), outbox.consumed().withName("outbox-source"))
                .process(() -> new OwnSignalsProcessor(settings), Named.as("own-signals-apply"),
                        StoreNames.OWN_SIGNALS, StoreNames.OWN_RETRACTIONS, StoreNames.STIX_OUTBOX, StoreNames.STIX_OUTBOX_INDEX);
    }

    static final class OwnSignalsProcessor implements Processor<String, OutboxEvent, Void, Void> {

        private KeyValueStore<String, ThreatSignal> signals;
        private KeyValueStore<String, Retraction> retractions;
        private StixFeed stix;
        private final NodeTopology.Settings settings;

        OwnSignalsProcessor(NodeTopology.Settings settings) {
            this.settings = settings;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            signals = context.getStateStore(StoreNames.OWN_SIGNALS);
            retractions = context.getStateStore(StoreNames.OWN_RETRACTIONS);
            stix = new StixFeed(context.getStateStore(StoreNames.STIX_OUTBOX), context.getStateStore(StoreNames.STIX_OUTBOX_INDEX));
        }

        @Override
        public void process(Record<String, OutboxEvent> record) {
            if (record.value() == null) {
                return;
            }
            Object payload = record.value().getPayload();
            if (payload instanceof ThreatSignal signal) {
                if (signals.get(signal.getId()) == null) {
                    stix.put(cursor(), signal.getId(), signal.getSubmittedAt());
                }
                signals.put(signal.getId(), signal);
            } else if (payload instanceof Retraction retraction) {
                Retraction earlier = retractions.get(retraction.getSignalId());
                // A retraction is final: a later downgrade must not hide it.
                if (earlier == null || earlier.getKind() != io.aegis.schema.signal.RetractionKind.RETRACT) {
                    retractions.put(retraction.getSignalId(), retraction);
                    // the collection's new version of the signal (a retraction is served as its revoked version)
                    if (signals.get(retraction.getSignalId()) != null && !retraction.equals(earlier)) {
                        stix.put(cursor(), retraction.getSignalId(), retraction.getIssuedAt());
                    }
                }
            }
        }

        private String cursor() {
            return SequenceClock.cursor(settings.clock().next());
        }
    }
}
