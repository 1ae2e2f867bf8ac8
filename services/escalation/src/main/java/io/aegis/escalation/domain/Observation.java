package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import java.util.Objects;
import java.util.Set;

/**
 * What the escalation pipeline remembers of one coordination signal: enough to compute the
 * window figures, nothing of its content. {@code countOnly} marks signals whose origin allowed
 * counting only; their ids are kept (to apply retractions) but never revealed in an escalation.
 *
 * @param signalId        the signal id
 * @param country         ISO 3166-1 alpha-2 origin country
 * @param category        the signal's category
 * @param criticalSectors the critical-infrastructure sectors it concerns
 * @param severity        self-assessed severity, 1..5
 * @param timestamp       event time (epoch millis) the signal is counted at
 * @param countOnly       true when the origin's coordination level is COUNT_ONLY
 */
public record Observation(
        String signalId,
        String country,
        Category category,
        Set<Sector> criticalSectors,
        int severity,
        long timestamp,
        boolean countOnly) {

    public Observation {
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(category, "category");
        criticalSectors = Set.copyOf(CriticalSectors.of(criticalSectors));
    }
}
