package io.aegis.response.domain;

import io.aegis.schema.common.Tier;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** All countries' rosters, looked up by country code. Immutable. */
public final class Rosters {

    private final Map<String, Roster> byCountry;

    public Rosters(Collection<Roster> rosters) {
        this.byCountry = rosters.stream().collect(Collectors.toUnmodifiableMap(Roster::country, Function.identity()));
    }

    public Optional<Roster> of(String country) {
        return Optional.ofNullable(byCountry.get(country));
    }

    public Optional<DutyOfficer> officer(String country, Tier tier, int level) {
        return of(country).flatMap(roster -> roster.officer(tier, level));
    }

    public Collection<Roster> all() {
        return byCountry.values();
    }
}
