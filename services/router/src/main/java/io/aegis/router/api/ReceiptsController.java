package io.aegis.router.api;

import io.aegis.router.domain.ReceiptLedger;
import io.aegis.router.messaging.RouterStreams;
import io.aegis.router.security.ApiUser;
import io.aegis.router.security.ApiUsers;
import io.aegis.router.topology.RouterTopology;
import io.aegis.schema.signal.ReceiptKind;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Receipts due, received and outstanding for one signal, from this instance's receipts store.
 * Only API users see them: a member's user sees its own signals, a coordination-centre user all.
 * A signal the caller may not see answers exactly as an unknown one (404, same body), so the
 * answer never tells whether another member's signal exists.
 */
@Controller("/api/v1/receipts")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ReceiptsController {

    static final String NOT_FOUND = "no receipts known for this signal";

    private final RouterStreams streams;
    private final ApiUsers users;

    public ReceiptsController(RouterStreams streams, ApiUsers users) {
        this.streams = streams;
        this.users = users;
    }

    @Get("/{signalId}")
    public HttpResponse<?> receipts(String signalId, Authentication caller) {
        ReadOnlyKeyValueStore<String, String> store = streams.store(RouterTopology.RECEIPTS_STORE);
        Optional<ApiUser> user = users.named(caller.getName());
        String stored = store.get(signalId);
        ReceiptLedger ledger = stored == null ? null : ReceiptLedger.decode(stored);
        if (ledger == null || user.isEmpty() || !user.get().maySee(ledger.origin())) {
            return HttpResponse.notFound(ApiError.of(NOT_FOUND));
        }
        return HttpResponse.ok(new ReceiptView(signalId, names(ledger.expected()), names(ledger.confirmed()), names(ledger.outstanding())));
    }

    private static Map<String, String> names(Map<String, ReceiptKind> kinds) {
        Map<String, String> out = new TreeMap<>();
        kinds.forEach((country, kind) -> out.put(country, kind.name()));
        return out;
    }

    /** Per destination country: the receipt kind expected, confirmed, and still outstanding. */
    @Serdeable
    public record ReceiptView(String signalId, Map<String, String> expected, Map<String, String> confirmed, Map<String, String> outstanding) {
    }
}
