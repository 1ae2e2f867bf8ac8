package io.aegis.node.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.node.api.InboxCopies;
import io.aegis.node.domain.StixCopies;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.topology.StixFeed;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.stix.AegisExtension;
import io.aegis.stix.StixExport;
import io.aegis.stix.StixSignal;
import io.aegis.stix.TlpMarkings;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The STIX objects of one collection entry, and the definitions every collection starts with.
 * An inbox entry is served from the copy this country holds (so exactly what the inbox API shows:
 * redaction and attribution applied) or, once the origin retracted it, from its content-free
 * skeleton; an outbox entry from the node's own signal as of its latest downgrade or retraction.
 * The marking and extension definitions a signal uses are served once, at the head of the
 * collection, rather than again with every signal.
 */
@Singleton
public class CollectionObjects {

    /** Key of the definitions' virtual entry: before every cursor. */
    public static final String HEAD = "0000000000000000000";
    /** When the definitions were added: when they were defined. */
    public static final Instant DEFINED = Instant.parse(AegisExtension.DEFINED);

    private final NodeStores stores;
    private final InboxCopies inbox;

    public CollectionObjects(NodeStores stores, InboxCopies inbox) {
        this.stores = stores;
        this.inbox = inbox;
    }

    /** The TLP 2.0 marking definitions, the Aegis network identity and the Aegis extension definition. */
    public static List<ObjectNode> definitions() {
        List<ObjectNode> head = new ArrayList<>();
        for (Tlp tlp : Tlp.values()) {
            head.add(TlpMarkings.definition(tlp));
        }
        head.add(AegisExtension.networkIdentity());
        head.add(AegisExtension.definition());
        return head;
    }

    /** The objects of the entry at {@code cursor} (empty when the entry moved on or its data is gone). */
    public List<ObjectNode> of(TaxiiCollection collection, String cursor) {
        if (HEAD.equals(cursor)) {
            return definitions();
        }
        return stores.<String>get(collection.store(), cursor).map(text -> of(collection, StixFeed.decode(text))).orElse(List.of());
    }

    /** The collection's current entry for a signal: which version of it the collection serves. */
    public Optional<StixFeed.Entry> entry(TaxiiCollection collection, String signalId) {
        return stores.<String>get(collection.index(), signalId).flatMap(cursor -> stores.<String>get(collection.store(), cursor))
                .map(StixFeed::decode);
    }

    public List<ObjectNode> of(TaxiiCollection collection, StixFeed.Entry entry) {
        if (entry.revoked() && entry.skeleton() != null) {
            return StixExport.revoked(entry.skeleton(), entry.modified());
        }
        Optional<StixSignal> signal = collection == TaxiiCollection.INBOX ? inboxCopy(entry) : ownSignal(entry);
        return signal.map(s -> s.revoked() ? StixExport.revoked(StixExport.skeleton(s), s.modified()) : own(StixExport.objects(s)))
                .orElse(List.of());
    }

    private Optional<StixSignal> inboxCopy(StixFeed.Entry entry) {
        return inbox.held(entry.signalId()).map(held -> StixCopies.of(held.value, entry.modified()));
    }

    private Optional<StixSignal> ownSignal(StixFeed.Entry entry) {
        return stores.<ThreatSignal>get(StoreNames.OWN_SIGNALS, entry.signalId())
                .map(signal -> StixCopies.own(signal, stores.<Retraction>get(StoreNames.OWN_RETRACTIONS, entry.signalId()).orElse(null)));
    }

    /** A signal's own objects: without the definitions served at the head. */
    private static List<ObjectNode> own(List<ObjectNode> objects) {
        return objects.stream().filter(o -> !isDefinition(o)).toList();
    }

    static boolean isDefinition(ObjectNode object) {
        String type = object.path("type").asText();
        return type.equals("marking-definition") || type.equals("extension-definition")
                || AegisExtension.NETWORK_IDENTITY_ID.equals(object.path("id").asText());
    }
}
