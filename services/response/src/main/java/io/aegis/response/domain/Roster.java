package io.aegis.response.domain;

import io.aegis.schema.common.Tier;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One country's duty roster: for each tier, the officers to notify in order — level 0 is the
 * primary, level 1 the backup, 2 and above the further levels (lead, head of agency).
 * Invariant: every listed tier has at least one level.
 *
 * @param country ISO 3166-1 alpha-2 code
 * @param levels  officers per tier, in escalation order
 */
public record Roster(String country, Map<Tier, List<DutyOfficer>> levels) {

    public Roster {
        Objects.requireNonNull(country, "country");
        Map<Tier, List<DutyOfficer>> copy = new EnumMap<>(Tier.class);
        levels.forEach((tier, officers) -> {
            if (officers.isEmpty()) {
                throw new IllegalArgumentException("roster " + country + " tier " + tier + " has no officers");
            }
            copy.put(tier, List.copyOf(officers));
        });
        levels = Map.copyOf(copy);
    }

    /**
     * The officer at a level for a tier. A tier the roster does not list falls back to the nearest
     * listed tier below it, then above it; a level past the last one gives the last level, so that
     * repeated re-escalation keeps reaching the most senior officer.
     */
    public Optional<DutyOfficer> officer(Tier tier, int level) {
        return officers(tier).map(list -> list.get(Math.min(Math.max(level, 0), list.size() - 1)));
    }

    /** Finds an officer of this roster by id, at any tier and level. */
    public Optional<DutyOfficer> findOfficer(String officerId) {
        return levels.values().stream().flatMap(List::stream)
                .filter(officer -> officer.id().equals(officerId)).findFirst();
    }

    private Optional<List<DutyOfficer>> officers(Tier tier) {
        for (int i = tier.ordinal(); i >= 0; i--) {
            List<DutyOfficer> list = levels.get(Tier.values()[i]);
            if (list != null) {
                return Optional.of(list);
            }
        }
        for (int i = tier.ordinal() + 1; i < Tier.values().length; i++) {
            List<DutyOfficer> list = levels.get(Tier.values()[i]);
            if (list != null) {
                return Optional.of(list);
            }
        }
        return Optional.empty();
    }
}
