package io.aegis.router.domain;

import io.aegis.schema.signal.ReceiptKind;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Receipts due and received for one signal: per destination, the latest receipt kind the router
 * expects (DELIVERED after a delivery, RETRACTED after a retraction, DOWNGRADED after a downgrade
 * notice) and whether the destination has confirmed it. Immutable; encodes to a compact text form.
 */
public record ReceiptLedger(Map<String, ReceiptKind> expected, Map<String, ReceiptKind> confirmed) {

    public ReceiptLedger {
        expected = Collections.unmodifiableMap(new TreeMap<>(expected));
        confirmed = Collections.unmodifiableMap(new TreeMap<>(confirmed));
    }

    public static ReceiptLedger empty() {
        return new ReceiptLedger(Map.of(), Map.of());
    }

    public ReceiptLedger expect(String country, ReceiptKind kind) {
        Map<String, ReceiptKind> e = new TreeMap<>(expected);
        e.put(country, kind);
        Map<String, ReceiptKind> c = new TreeMap<>(confirmed);
        if (c.get(country) != kind) {
            c.remove(country);
        }
        return new ReceiptLedger(e, c);
    }

    public ReceiptLedger confirm(String country, ReceiptKind kind) {
        Map<String, ReceiptKind> c = new TreeMap<>(confirmed);
        c.put(country, kind);
        return new ReceiptLedger(expected, c);
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

    /** "FR=DELIVERED,DE=RETRACTED|FR=DELIVERED": expected, then confirmed. */
    public String encode() {
        return encode(expected) + "|" + encode(confirmed);
    }

    public static ReceiptLedger decode(String text) {
        String[] parts = text.split("\\|", -1);
        return new ReceiptLedger(decodeMap(parts[0]), decodeMap(parts.length > 1 ? parts[1] : ""));
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
