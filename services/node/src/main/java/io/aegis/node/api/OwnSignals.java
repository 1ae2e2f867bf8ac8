package io.aegis.node.api;

import io.aegis.node.domain.StixCopies;
import io.aegis.stix.StixSignal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.node.domain.AvroJson;
import io.aegis.node.domain.RetractionParser;
import io.aegis.node.messaging.NodeIdentity;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.messaging.SignalPublisher;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.ThreatSignal;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * This node's own signals as it saw them on its outbox, their delivery state as the router and
 * the recipients reported it, and their retraction or downgrade. Invariant: only signals found
 * on this node's outbox can be shown, retracted or downgraded; a retracted signal stays retracted.
 */
@Singleton
public class OwnSignals {

    private final NodeStores stores;
    private final SignalPublisher publisher;
    private final NodeIdentity node;
    private final Clock clock = Clock.systemUTC();

    public OwnSignals(NodeStores stores, SignalPublisher publisher, NodeIdentity node) {
        this.stores = stores;
        this.publisher = publisher;
        this.node = node;
    }

    public Map<String, Object> view(String id) {
        ThreatSignal signal = find(id);
        Retraction retraction = stores.<Retraction>get(StoreNames.OWN_RETRACTIONS, id).orElse(null);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", signal.getId());
        view.put("contentHash", signal.getContentHash());
        view.put("originCountry", signal.getOriginCountry());
        view.put("originAgency", signal.getOriginAgency());
        view.put("submittedAt", signal.getSubmittedAt().toString());
        view.put("state", retraction == null ? "ACTIVE" : retraction.getKind() == RetractionKind.RETRACT ? "RETRACTED" : "DOWNGRADED");
        view.put("signal", AvroJson.toMap(signal.getContent()));
        view.put("retraction", retraction == null ? null : withoutSignature(retraction));
        view.put("delivery", delivery(id));
        return view;
    }

    /** The own signal as STIX exports it: its current version (narrowed by a downgrade, revoked once retracted). */
    public StixSignal stix(String id) {
        ThreatSignal signal = find(id);
        return StixCopies.own(signal, stores.<Retraction>get(StoreNames.OWN_RETRACTIONS, id).orElse(null));
    }

    CompletableFuture<Answer> retract(String id, JsonNode body) {
        ThreatSignal signal = find(id);
        requireNotRetracted(id);
        Retraction unsigned = RetractionParser.retract(body, signal, node.keyId(), clock.instant());
        return publisher.publish(unsigned, signal.getContentHash()).thenApply(a -> new Answer(202, SignalIntake.accepted(a)));
    }

    CompletableFuture<Answer> downgrade(String id, JsonNode body) {
        ThreatSignal signal = find(id);
        Retraction earlier = requireNotRetracted(id);
        var tlp = earlier != null && earlier.getNewTlp() != null ? earlier.getNewTlp() : signal.getContent().getTlp();
        List<String> recipients = earlier != null && !earlier.getNewRecipients().isEmpty()
                ? earlier.getNewRecipients() : signal.getContent().getRecipients();
        Retraction unsigned = RetractionParser.downgrade(body, signal, tlp, recipients, node.keyId(), clock.instant());
        return publisher.publish(unsigned, signal.getContentHash()).thenApply(a -> new Answer(202, SignalIntake.accepted(a)));
    }

    private ThreatSignal find(String id) {
        // the store reads the outbox back; a signal acknowledged a moment ago may not be in it yet
        return stores.<ThreatSignal>get(StoreNames.OWN_SIGNALS, id).or(() -> publisher.recentlyPublished(id))
                .orElseThrow(() -> new NotFoundException("no signal " + id + " published by this node"));
    }

    private Retraction requireNotRetracted(String id) {
        Retraction earlier = stores.<Retraction>get(StoreNames.OWN_RETRACTIONS, id).orElse(null);
        if (earlier != null && earlier.getKind() == RetractionKind.RETRACT) {
            throw new ConflictException("signal " + id + " is already retracted");
        }
        return earlier;
    }

    private Map<String, Object> delivery(String id) {
        List<Map<String, Object>> routed = new ArrayList<>();
        List<Map<String, Object>> withheld = new ArrayList<>();
        List<Map<String, Object>> delayed = new ArrayList<>();
        List<Map<String, Object>> retracted = new ArrayList<>();
        List<RoutingDecision> decisions = stores.prefix(StoreNames.DELIVERY_DECISIONS, id + StoreNames.SEPARATOR);
        for (RoutingDecision d : decisions) {
            Map<String, Object> entry = AvroJson.toMap(d);
            switch (d.getOutcome()) {
                case DELIVER, DELIVER_REDACTED, RELEASE -> routed.add(entry);
                case WITHHOLD, REJECT -> withheld.add(entry);
                case DELAY -> delayed.add(entry);
                case RETRACT -> retracted.add(entry);
            }
        }
        List<Map<String, Object>> receipts = stores.<Receipt>prefix(StoreNames.DELIVERY_RECEIPTS, id + StoreNames.SEPARATOR)
                .stream().map(AvroJson::toMap).toList();
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("routedTo", routed);
        delivery.put("withheldFrom", withheld);
        delivery.put("delayed", delayed);
        delivery.put("retractedFrom", retracted);
        delivery.put("receipts", receipts);
        return delivery;
    }

    private static Map<String, Object> withoutSignature(Retraction retraction) {
        Map<String, Object> map = AvroJson.toMap(retraction);
        map.remove("signature");
        return map;
    }
}
