package io.aegis.node.api;

import io.aegis.node.domain.InboxEntries;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KeyValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One signal of this country's inbox, as every surface that shows a single one reads it (the inbox
 * API, its STIX bundle, the TAXII inbox collection): the copy held (with its cursor), its
 * withdrawals, and the answer for one not held — 410 with the tombstone once retracted, else 404.
 */
@Singleton
public class InboxCopies {

    private final NodeStores stores;

    public InboxCopies(NodeStores stores) {
        this.stores = stores;
    }

    /** The copy held under its inbox cursor, if any. */
    public Optional<KeyValue<String, SharedSignal>> held(String signalId) {
        return stores.<String>get(StoreNames.INBOX_INDEX, signalId)
                .flatMap(cursor -> stores.<SharedSignal>get(StoreNames.INBOX_ITEMS, cursor).map(copy -> KeyValue.pair(cursor, copy)));
    }

    /** The signal's retraction and downgrade events, oldest first. */
    public List<Retraction> withdrawals(String signalId) {
        return stores.prefix(StoreNames.INBOX_WITHDRAWAL_INDEX, signalId + StoreNames.SEPARATOR);
    }

    /** For a signal not held: {@code 410} with its tombstone once retracted; otherwise {@link NotFoundException} (404). */
    HttpResponse<Map<String, Object>> notHeld(String signalId) {
        return withdrawals(signalId).stream().filter(w -> w.getKind() == RetractionKind.RETRACT).findFirst()
                .map(r -> HttpResponse.<Map<String, Object>>status(HttpStatus.GONE).body(InboxEntries.tombstone(r)))
                .orElseThrow(() -> new NotFoundException("no signal " + signalId + " in this inbox"));
    }
}
