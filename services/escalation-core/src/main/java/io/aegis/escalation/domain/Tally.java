package io.aegis.escalation.domain;

import io.aegis.schema.common.Sector;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a set of signals: how many, how many COUNT_ONLY, per country, per severity and per
 * critical sector. Counts per value (not sets) so a signal can be taken back exactly, whether it
 * leaves a window or is retracted.
 */
public final class Tally {

    private int count;
    private int countOnly;
    private final Map<String, Integer> countries;
    private final int[] severities;
    private final Map<Sector, Integer> criticalSectors;

    public Tally(int count, int countOnly, Map<String, Integer> countries, int[] severities,
                 Map<Sector, Integer> criticalSectors) {
        this.count = count;
        this.countOnly = countOnly;
        this.countries = new TreeMap<>(countries);
        this.severities = severities.clone();
        this.criticalSectors = criticalSectors.isEmpty() ? new EnumMap<>(Sector.class) : new EnumMap<>(criticalSectors);
    }

    public static Tally empty() {
        return new Tally(0, 0, Map.of(), new int[6], Map.of());
    }

    public int count() {
        return count;
    }

    public int countOnly() {
        return countOnly;
    }

    public Map<String, Integer> countries() {
        return Collections.unmodifiableMap(countries);
    }

    /** Number of signals per severity; index 1..5 (index 0 unused). */
    public int[] severities() {
        return severities.clone();
    }

    public Map<Sector, Integer> criticalSectors() {
        return Collections.unmodifiableMap(criticalSectors);
    }

    public int maxSeverity() {
        for (int s = severities.length - 1; s > 0; s--) {
            if (severities[s] > 0) {
                return s;
            }
        }
        return 0;
    }

    public boolean isEmpty() {
        return count <= 0;
    }

    public void add(Observation o) {
        apply(o, 1);
    }

    public void remove(Observation o) {
        apply(o, -1);
    }

    public void add(Tally other) {
        merge(other, 1);
    }

    public void remove(Tally other) {
        merge(other, -1);
    }

    private void merge(Tally other, int sign) {
        count += sign * other.count;
        countOnly += sign * other.countOnly;
        other.countries.forEach((c, n) -> countries.merge(c, sign * n, Integer::sum));
        for (int s = 0; s < severities.length; s++) {
            severities[s] += sign * other.severities[s];
        }
        other.criticalSectors.forEach((c, n) -> criticalSectors.merge(c, sign * n, Integer::sum));
        tidy();
    }

    private void apply(Observation o, int delta) {
        count += delta;
        countOnly += o.countOnly() ? delta : 0;
        countries.merge(o.country(), delta, Integer::sum);
        severities[Math.max(1, Math.min(5, o.severity()))] += delta;
        o.criticalSectors().forEach(s -> criticalSectors.merge(s, delta, Integer::sum));
        tidy();
    }

    private void tidy() {
        countries.values().removeIf(n -> n <= 0);
        criticalSectors.values().removeIf(n -> n <= 0);
    }
}
