package io.aegis.node.topology;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.Receipt;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Delivery state of this node's own signals: the router's decisions ({@code aegis.routing.audit},
 * those whose origin is this country, latest per destination) and the receipts recipients wrote
 * ({@code aegis.receipts}, kept only for signals this node has decisions for). Both topics are
 * keyed by signal id; they must have the same partition count so a signal's decisions and
 * receipts meet in one task.
 */
final class DeliveryTopology {

    private DeliveryTopology() {
    }

    static void build(StreamsBuilder builder, Topics topics, SerdeFactory serdes, NodeTopology.Settings settings) {
        Topic<String, RoutingDecision> audit = topics.routingAudit();
        Topic<String, Receipt> receipts = topics.receipts();
        builder.addStateStore(NodeTopology.store(StoreNames.DELIVERY_DECISIONS,
                serdes.value(RoutingDecision.class), settings.persistent()));
        builder.addStateStore(NodeTopology.store(StoreNames.DELIVERY_RECEIPTS, serdes.value(Receipt.class), settings.persistent()));
        builder.stream(audit.name(), audit.consumed().withName("audit-source"))
                .process(() -> new DecisionProcessor(settings.country()), Named.as("delivery-decisions-apply"),
                        StoreNames.DELIVERY_DECISIONS, StoreNames.DELIVERY_RECEIPTS);
        builder.stream(receipts.name(), receipts.consumed().withName("receipts-source"))
                .process(ReceiptProcessor::new, Named.as("delivery-receipts-apply"),
                        StoreNames.DELIVERY_DECISIONS, StoreNames.DELIVERY_RECEIPTS);
    }

    /** One entry per destination and outcome, so a DELAY stays visible next to its RELEASE. */
    static String decisionKey(RoutingDecision decision) {
        return decision.getSignalId() + StoreNames.SEPARATOR + decision.getDestination() + StoreNames.SEPARATOR
                + decision.getOutcome();
    }

    static String receiptKey(Receipt receipt) {
        return receipt.getSignalId() + StoreNames.SEPARATOR + receipt.getCountry() + StoreNames.SEPARATOR + receipt.getKind();
    }

    static final class DecisionProcessor implements Processor<String, RoutingDecision, Void, Void> {

        private final String country;
        private KeyValueStore<String, RoutingDecision> decisions;

        DecisionProcessor(String country) {
            this.country = country;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            decisions = context.getStateStore(StoreNames.DELIVERY_DECISIONS);
        }

        @Override
        public void process(Record<String, RoutingDecision> record) {
            RoutingDecision decision = record.value();
            if (decision != null && country.equals(decision.getOriginCountry())) {
                decisions.put(decisionKey(decision), decision);
            }
        }
    }

    static final class ReceiptProcessor implements Processor<String, Receipt, Void, Void> {

        private KeyValueStore<String, RoutingDecision> decisions;
        private KeyValueStore<String, Receipt> receipts;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            decisions = context.getStateStore(StoreNames.DELIVERY_DECISIONS);
            receipts = context.getStateStore(StoreNames.DELIVERY_RECEIPTS);
        }

        @Override
        public void process(Record<String, Receipt> record) {
            Receipt receipt = record.value();
            if (receipt != null && isOwnSignal(receipt.getSignalId())) {
                receipts.put(receiptKey(receipt), receipt);
            }
        }

        private boolean isOwnSignal(String signalId) {
            try (KeyValueIterator<String, RoutingDecision> it =
                         decisions.prefixScan(signalId + StoreNames.SEPARATOR, new StringSerializer())) {
                return it.hasNext();
            }
        }
    }
}
