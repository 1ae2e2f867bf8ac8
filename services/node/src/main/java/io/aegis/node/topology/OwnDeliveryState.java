package io.aegis.node.topology;

import io.aegis.schema.routing.DeliveryReport;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.Receipt;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Delivery state of this node's own signals, as the router reports it on this country's inbox:
 * its decisions (latest per destination and outcome, so a DELAY stays visible next to its
 * RELEASE) and the receipts recipients wrote. Nothing about other countries' signals ever reaches
 * this node: the router sends each origin only what concerns its own signals.
 */
final class OwnDeliveryState {

    private final String country;
    private final KeyValueStore<String, RoutingDecision> decisions;
    private final KeyValueStore<String, Receipt> receipts;

    OwnDeliveryState(String country, KeyValueStore<String, RoutingDecision> decisions, KeyValueStore<String, Receipt> receipts) {
        this.country = country;
        this.decisions = decisions;
        this.receipts = receipts;
    }

    /** Keeps the report's decisions; a report about another origin's signal is ignored. */
    boolean apply(DeliveryReport report) {
        if (!country.equals(report.getOriginCountry())) {
            return false;
        }
        for (RoutingDecision decision : report.getDecisions()) {
            if (country.equals(decision.getOriginCountry())) {
                decisions.put(decisionKey(decision), decision);
            }
        }
        return true;
    }

    void apply(Receipt receipt) {
        receipts.put(receiptKey(receipt), receipt);
    }

    /** One entry per destination and outcome. */
    static String decisionKey(RoutingDecision decision) {
        return decision.getSignalId() + StoreNames.SEPARATOR + decision.getDestination() + StoreNames.SEPARATOR
                + decision.getOutcome();
    }

    static String receiptKey(Receipt receipt) {
        return receipt.getSignalId() + StoreNames.SEPARATOR + receipt.getCountry() + StoreNames.SEPARATOR + receipt.getKind();
    }
}
