package io.aegis.response.domain;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.SignalDisclosure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Narrows the need-to-know facts a case keeps, from a disclosure update (a retraction or downgrade
 * of one of its signals by the origin). Only signals the case already knows are touched, and only
 * ever narrowed: a member stays in a signal's audience only if both the case and the update name it
 * (at the later release time), the stricter attribution wins, and COUNT_ONLY is never lifted. A
 * retraction's empty audience leaves the signal named to nobody but its origin; it is still counted.
 */
final class DisclosureNarrowing {

    private DisclosureNarrowing() {
    }

    /** Narrows {@code kase}'s facts in place; returns the ids of the signals whose facts changed. */
    static List<String> apply(EmergencyCase kase, List<SignalDisclosure> updates) {
        Map<String, SignalDisclosure> byId = new HashMap<>();
        updates.forEach(update -> byId.put(update.getSignalId(), update));
        List<SignalDisclosure> facts = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (SignalDisclosure known : kase.getDisclosures()) {
            SignalDisclosure update = byId.get(known.getSignalId());
            SignalDisclosure narrowed = update == null ? known : narrow(known, update);
            if (!narrowed.toString().equals(known.toString())) {
                changed.add(known.getSignalId());
            }
            facts.add(narrowed);
        }
        kase.setDisclosures(facts);
        return changed;
    }

    static SignalDisclosure narrow(SignalDisclosure known, SignalDisclosure update) {
        Map<String, Delivery> now = new HashMap<>();
        update.getAudience().forEach(d -> now.merge(d.getCountry(), d, DisclosureNarrowing::later));
        List<Delivery> audience = new ArrayList<>();
        for (Delivery before : known.getAudience()) {
            Delivery after = now.get(before.getCountry());
            if (after != null) {
                audience.add(later(before, after));
            }
        }
        Attribution attribution = update.getAttribution().ordinal() > known.getAttribution().ordinal()
                ? update.getAttribution() : known.getAttribution();
        return SignalDisclosure.newBuilder(known)
                .setCountOnly(known.getCountOnly() || update.getCountOnly())
                .setAttribution(attribution)
                .setAudience(audience)
                .build();
    }

    /** The delivery released later (a delivery at once, releasedAt null, is the earliest). */
    private static Delivery later(Delivery a, Delivery b) {
        Instant x = a.getReleasedAt();
        Instant y = b.getReleasedAt();
        if (x == null) {
            return new Delivery(a.getCountry(), y);
        }
        return y == null || !y.isAfter(x) ? new Delivery(a.getCountry(), x) : new Delivery(a.getCountry(), y);
    }
}
