package io.aegis.router.domain;

import io.aegis.schema.signal.ReceiptKind;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Receipts due and received for one signal: per destination, the latest receipt kind the router
 * expects (DELIVERED after a delivery, RETRACTED after a retraction, DOWNGRADED after a downgrade
 * notice) and whether the destination has confirmed it; and the signal's origin country, taken
 * from the first routing decision recorded (the router verified it), so that an origin's receipts
 * can be shown to that origin alone. Immutable; encodes to a compact text form.
 *
 * @param origin the origin country, or null while no decision has been recorded (a receipt that
 *               came first, or a ledger written before origins were kept)
 */
public record ReceiptLedger(Map<String, ReceiptKind> expected, Map<String, ReceiptKind> confirmed, String origin) {

    public ReceiptLedger {
        expected = Collections.unmodifiableMap(new TreeMap<>(expected));
        confirmed = Collections.unmodifiableMap(new TreeMap<>(confirmed));
        origin = origin == null || origin.isEmpty() ? null : origin;
    }

    public static ReceiptLedger empty() {
        return new ReceiptLedger(Map.of(), Map.of(), null);
    }

    public ReceiptLedger expect(String country, ReceiptKind kind) {
        Map<String, ReceiptKind> e = new TreeMap<>(expected);
        e.put(country, kind);
        Map<String, ReceiptKind> c = new TreeMap<>(confirmed);
        if (c.get(country) != kind) {
            c.remove(country);
        }
        return new ReceiptLedger(e, c, origin);
    }

    public ReceiptLedger confirm(String country, ReceiptKind kind) {
        Map<String, ReceiptKind> c = new TreeMap<>(confirmed);
        c.put(country, kind);
        return new ReceiptLedger(expected, c, origin);
    }

    /** The ledger with its origin recorded; an origin once recorded is kept (a signal id has one origin). */
    public ReceiptLedger withOrigin(String country) {
        return origin != null ? this : new ReceiptLedger(expected, confirmed, country);
    }

    /** The origin country, when a routing decision has recorded it. */
    public Optional<String> knownOrigin() {
        return Optional.ofNullable(origin);
    }

    /** Destinations whose latest expected receipt has not arrived, with the kind awaited. */
    public Map<String, ReceiptKind> outstanding() {
        Map<String, ReceiptKind> result = new TreeMap<>();
        expected.forEach((country, kind) -> {
            if (confirmed.get(country) != kind) {
                result.put(country, kind);
            }
        });
        return result;
    }

    /**
     * "FR=DELIVERED,DE=RETRACTED|FR=DELIVERED|FR": expected, confirmed, then the origin. Without a
     * known origin the third part is left out, which is the form ledgers had before origins were
     * kept; both forms decode.
     */
    public String encode() {
        String base = encode(expected) + "|" + encode(confirmed);
        return origin == null ? base : base + "|" + origin;
    }

    public static ReceiptLedger decode(String text) {
        String[] parts = text.split("\\|", -1);
        return new ReceiptLedger(decodeMap(parts[0]), decodeMap(parts.length > 1 ? parts[1] : ""), parts.length > 2 ? parts[2] : null);
    }

    private static String encode(Map<String, ReceiptKind> map) {
        StringBuilder out = new StringBuilder();
        map.forEach((country, kind) -> out.append(out.isEmpty() ? "" : ",").append(country).append('=').append(kind));
        return out.toString();
    }

    private static Map<String, ReceiptKind> decodeMap(String text) {
        Map<String, ReceiptKind> map = new TreeMap<>();
        for (String entry : text.split(",")) {
            if (!entry.isEmpty()) {
                String[] kv = entry.split("=", 2);
                map.put(kv[0], ReceiptKind.valueOf(kv[1]));
            }
        }
        return map;
    }
}
