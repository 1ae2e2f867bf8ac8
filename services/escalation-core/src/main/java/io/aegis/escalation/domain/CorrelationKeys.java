package io.aegis.escalation.domain;

import io.aegis.schema.coordination.KeyKind;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.Sector;
import io.aegis.schema.routing.CoordinationSignal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives the correlation keys of a coordination signal, in founding-key priority order
 * (campaign, indicators, systems, category × sector). COUNT_ONLY signals yield category × sector
 * keys only, whatever else they carry. Campaign, indicator and system keys come from the router's
 * level-independent correlation digests when the record carries them (so a FULL and a HASHED
 * signal about the same indicator meet), else from the values as carried. A signal with no enabled key gets a key of its own,
 * {@code signal:<id>}, so that it still forms a (single-signal) group.
 */
public final class CorrelationKeys {

    private CorrelationKeys() {
    }

    /** The keys of {@code signal} among the {@code enabled} kinds; never empty. */
    public static List<String> of(CoordinationSignal signal, Set<KeyKind> enabled) {
        Set<String> keys = new LinkedHashSet<>();
        boolean countOnly = signal.getLevel() == CoordinationLevel.COUNT_ONLY;
        if (!countOnly && !signal.getCorrelationDigests().isEmpty()) {
            // the router's digests are level-independent, so FULL and HASHED signals meet on them
            for (String digest : signal.getCorrelationDigests()) {
                kindOf(digest).filter(enabled::contains).ifPresent(kind -> keys.add(digest));
            }
        } else if (!countOnly) {
            rawKeys(signal, enabled, keys);
        }
        if (enabled.contains(KeyKind.CATEGORY_SECTOR)) {
            keys.addAll(categorySectorKeys(signal));
        }
        if (keys.isEmpty()) {
            keys.add("signal:" + signal.getSignalId());
        }
        return List.copyOf(keys);
    }

    /** Keys from the values as carried, for records written before the router added digests. */
    private static void rawKeys(CoordinationSignal signal, Set<KeyKind> enabled, Set<String> keys) {
        if (enabled.contains(KeyKind.CAMPAIGN) && notBlank(signal.getCampaignId())) {
            keys.add(KeyKind.CAMPAIGN.key(signal.getCampaignId().trim()));
        }
        if (enabled.contains(KeyKind.INDICATOR)) {
            for (Indicator indicator : signal.getIndicators()) {
                if (notBlank(indicator.getValue())) {
                    keys.add(KeyKind.indicator(indicator.getType(), indicator.getValue().trim()));
                }
            }
        }
        if (enabled.contains(KeyKind.SYSTEM)) {
            signal.getAffectedSystems().stream().filter(CorrelationKeys::notBlank)
                    .forEach(system -> keys.add(KeyKind.SYSTEM.key(system.trim())));
        }
    }

    private static java.util.Optional<KeyKind> kindOf(String digest) {
        for (KeyKind kind : List.of(KeyKind.CAMPAIGN, KeyKind.INDICATOR, KeyKind.SYSTEM)) {
            if (digest.startsWith(kind.prefix())) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }

    private static List<String> categorySectorKeys(CoordinationSignal signal) {
        List<String> keys = new ArrayList<>();
        for (Sector sector : new LinkedHashSet<>(signal.getSectors())) {
            keys.add(KeyKind.categorySector(signal.getCategory(), sector));
        }
        if (keys.isEmpty()) {
            keys.add(KeyKind.CATEGORY_SECTOR.key(signal.getCategory().name()));
        }
        return keys;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
