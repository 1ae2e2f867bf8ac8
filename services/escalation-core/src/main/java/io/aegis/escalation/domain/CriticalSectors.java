package io.aegis.escalation.domain;

import io.aegis.schema.common.Sector;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** The six critical-infrastructure sectors of the contract (energy, transport, finance, telecom, health, water). */
public final class CriticalSectors {

    public static final Set<Sector> ALL = Set.copyOf(EnumSet.of(
            Sector.ENERGY, Sector.TRANSPORT, Sector.FINANCE, Sector.TELECOM, Sector.HEALTH, Sector.WATER));

    private CriticalSectors() {
    }

    /** The critical-infrastructure sectors among {@code sectors}. */
    public static Set<Sector> of(Collection<Sector> sectors) {
        Set<Sector> critical = EnumSet.noneOf(Sector.class);
        sectors.stream().filter(ALL::contains).forEach(critical::add);
        return critical;
    }
}
