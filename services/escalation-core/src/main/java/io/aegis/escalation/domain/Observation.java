package io.aegis.escalation.domain;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the escalation pipeline remembers of one coordination signal: enough to compute the
 * window figures, nothing of its content. {@code countOnly} marks signals whose origin allowed
 * counting only; their ids are kept (to apply retractions) but never revealed in an escalation's
 * {@code signalIds}. {@code attribution} and {@code audience} are the need-to-know facts the
 * response service renders member copies from: who may learn of the signal, and from when.
 *
 * @param signalId        the signal id
 * @param country         ISO 3166-1 alpha-2 origin country
 * @param category        the signal's category
 * @param criticalSectors the critical-infrastructure sectors it concerns
 * @param severity        self-assessed severity, 1..5
 * @param timestamp       event time (epoch millis) the signal is counted at
 * @param countOnly       true when the origin's coordination level is COUNT_ONLY
 * @param attribution     the origin's attribution level (ANONYMOUS when unknown: fail closed)
 * @param audience        members the signal was delivered to → when (epoch millis; {@link #AT_ONCE} for no embargo)
 */
public record Observation(
        String signalId,
        String country,
        Category category,
        Set<Sector> criticalSectors,
        int severity,
        long timestamp,
        boolean countOnly,
        Attribution attribution,
        SortedMap<String, Long> audience) {

    /** Release time of a copy delivered without embargo. */
    public static final long AT_ONCE = Long.MIN_VALUE;

    public Observation {
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(category, "category");
        criticalSectors = Set.copyOf(CriticalSectors.of(criticalSectors));
        attribution = attribution == null ? Attribution.ANONYMOUS : attribution;
        audience = Collections.unmodifiableSortedMap(new TreeMap<>(audience == null ? Map.of() : audience));
    }

    /** An observation without need-to-know facts (as state written before they existed): named to no member. */
    public Observation(String signalId, String country, Category category, Set<Sector> criticalSectors, int severity,
                       long timestamp, boolean countOnly) {
        this(signalId, country, category, criticalSectors, severity, timestamp, countOnly, Attribution.ANONYMOUS, null);
    }
}
