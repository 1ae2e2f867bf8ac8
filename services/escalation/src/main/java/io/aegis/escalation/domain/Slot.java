package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregate of a group's signals of one category in one time slot (the correlation
 * resolution, one minute by default): how many, how many COUNT_ONLY, per country, per severity
 * and per critical sector. Counts per value (not sets) so a retraction can be taken back exactly.
 */
public final class Slot {

    private final long start;
    private final Category category;
    private int count;
    private int countOnly;
    private final Map<String, Integer> countries;
    private final int[] severities;
    private final Map<Sector, Integer> criticalSectors;

    public Slot(long start, Category category, int count, int countOnly, Map<String, Integer> countries,
                int[] severities, Map<Sector, Integer> criticalSectors) {
        this.start = start;
        this.category = category;
        this.count = count;
        this.countOnly = countOnly;
        this.countries = new TreeMap<>(countries);
        this.severities = severities.clone();
        this.criticalSectors = criticalSectors.isEmpty() ? new EnumMap<>(Sector.class) : new EnumMap<>(criticalSectors);
    }

    public static Slot empty(long start, Category category) {
        return new Slot(start, category, 0, 0, Map.of(), new int[6], Map.of());
    }

    public long start() {
        return start;
    }

    public Category category() {
        return category;
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
        return count == 0;
    }

    void add(Observation o) {
        apply(o, 1);
    }

    void remove(Observation o) {
        apply(o, -1);
    }

    void addAll(Slot other) {
        count += other.count;
        countOnly += other.countOnly;
        other.countries.forEach((c, n) -> countries.merge(c, n, Integer::sum));
        for (int s = 0; s < severities.length; s++) {
            severities[s] += other.severities[s];
        }
        other.criticalSectors.forEach((c, n) -> criticalSectors.merge(c, n, Integer::sum));
    }

    private void apply(Observation o, int delta) {
        count += delta;
        countOnly += o.countOnly() ? delta : 0;
        countries.merge(o.country(), delta, Integer::sum);
        countries.values().removeIf(n -> n <= 0);
        severities[Math.max(1, Math.min(5, o.severity()))] += delta;
        o.criticalSectors().forEach(s -> criticalSectors.merge(s, delta, Integer::sum));
        criticalSectors.values().removeIf(n -> n <= 0);
    }
}
