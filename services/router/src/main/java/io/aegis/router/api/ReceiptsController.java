package io.aegis.router.api;

import io.aegis.router.domain.ReceiptLedger;
import io.aegis.router.messaging.RouterStreams;
import io.aegis.router.topology.RouterTopology;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Receipts due, received and outstanding for one signal, from this instance's receipts store. */
@Controller("/api/v1/receipts")
public class ReceiptsController {

    private final RouterStreams streams;

    public ReceiptsController(RouterStreams streams) {
        this.streams = streams;
    }

    @Get("/{signalId}")
    public HttpResponse<ReceiptView> receipts(String signalId) {
        ReadOnlyKeyValueStore<String, String> store = streams.store(RouterTopology.RECEIPTS_STORE);
        String stored = store.get(signalId);
        if (stored == null) {
            return HttpResponse.notFound();
        }
        ReceiptLedger ledger = ReceiptLedger.decode(stored);
        return HttpResponse.ok(new ReceiptView(signalId, names(ledger.expected()), names(ledger.confirmed()), names(ledger.outstanding())));
    }

    private static Map<String, String> names(Map<String, io.aegis.schema.signal.ReceiptKind> kinds) {
        Map<String, String> out = new java.util.TreeMap<>();
        kinds.forEach((country, kind) -> out.put(country, kind.name()));
        return out;
    }

    /** Per destination country: the receipt kind expected, confirmed, and still outstanding. */
    @Serdeable
    public record ReceiptView(String signalId, Map<String, String> expected, Map<String, String> confirmed, Map<String, String> outstanding) {
    }
}
