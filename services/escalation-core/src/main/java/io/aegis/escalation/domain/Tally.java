package io.aegis.escalation.domain;

import io.aegis.schema.common.Sector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Counts of a set of signals: how many, how many COUNT_ONLY, per severity, and per country and per
 * critical sector both over all signals and per severity 1..5. Counts per value (not sets) so a
 * signal can be taken back exactly, whether it leaves a window or is retracted.
 * <p>
 * Invariant: for every severity, a country's (or sector's) count at that severity is at most the
 * number of counted signals of that severity from it, and its count over all signals is exact. The
 * two agree exactly for everything counted by this release; only a tally read from state written
 * before per-severity counts existed holds part of its counts <em>unattributed</em> (in the totals,
 * at no severity), see {@link #withoutBreakdown}. Taking back a signal or a tally takes unattributed
 * counts wherever the severity's own count falls short, so the invariant holds across retractions,
 * window moves and merges, and the figures at or above a severity never exceed the truth.
 */
public final class Tally {

    private int count;
    private int countOnly;
    private final Map<String, Integer> countries;
    private final int[] severities;
    private final Map<Sector, Integer> criticalSectors;
    private final List<Map<String, Integer>> countriesBySeverity;
    private final List<Map<Sector, Integer>> sectorsBySeverity;

    /**
     * @param countriesBySeverity index 1..5: signals per country at that severity (index 0 unused; may be empty)
     * @param sectorsBySeverity   index 1..5: signals per critical sector at that severity (likewise)
     */
    public Tally(int count, int countOnly, Map<String, Integer> countries, int[] severities,
                 Map<Sector, Integer> criticalSectors, List<Map<String, Integer>> countriesBySeverity,
                 List<Map<Sector, Integer>> sectorsBySeverity) {
        this.count = count;
        this.countOnly = countOnly;
        this.countries = new TreeMap<>(countries);
        this.severities = severities.clone();
        this.criticalSectors = sectors(criticalSectors);
        this.countriesBySeverity = perSeverity(countriesBySeverity, TreeMap::new);
        this.sectorsBySeverity = perSeverity(sectorsBySeverity, () -> new EnumMap<>(Sector.class));
    }

    public static Tally empty() {
        return new Tally(0, 0, Map.of(), new int[6], Map.of(), List.of(), List.of());
    }

    /**
     * A tally as state written before per-severity counts existed knew it. When all its signals have
     * one severity, its countries and sectors are exactly that severity's. Otherwise they stay
     * unattributed: counted over all signals (rules without {@code minSeverity}, and the figures put
     * on escalations, are as before), never at or above a severity. So such a tally never makes a
     * rule fire that the previous release would not have fired, nor one that exact counts would not.
     */
    public static Tally withoutBreakdown(int count, int countOnly, Map<String, Integer> countries, int[] severities,
                                         Map<Sector, Integer> criticalSectors) {
        List<Map<String, Integer>> byCountry = new ArrayList<>();
        List<Map<Sector, Integer>> bySector = new ArrayList<>();
        int present = 0;
        for (int s = 0; s < severities.length; s++) {
            boolean only = severities[s] > 0 && severities[s] == count;
            present += severities[s] > 0 ? 1 : 0;
            byCountry.add(only ? countries : Map.of());
            bySector.add(only ? criticalSectors : Map.of());
        }
        return present == 1 ? new Tally(count, countOnly, countries, severities, criticalSectors, byCountry, bySector)
                : new Tally(count, countOnly, countries, severities, criticalSectors, List.of(), List.of());
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

    /** Signals per country at this severity (1..5). */
    public Map<String, Integer> countries(int severity) {
        return Collections.unmodifiableMap(countriesBySeverity.get(severity));
    }

    /** Signals per critical sector at this severity (1..5). */
    public Map<Sector, Integer> criticalSectors(int severity) {
        return Collections.unmodifiableMap(sectorsBySeverity.get(severity));
    }

    /** How many signals have at least this severity. */
    public int countAtLeast(int severity) {
        int n = 0;
        for (int s = Math.max(1, severity); s < severities.length; s++) {
            n += severities[s];
        }
        return n;
    }

    /** The countries that sent a signal of at least this severity. */
    public Set<String> countriesAtLeast(int severity) {
        Set<String> found = new TreeSet<>();
        if (severity <= 1) {
            found.addAll(countries.keySet());
        }
        for (int s = Math.max(1, severity); s < severities.length; s++) {
            found.addAll(countriesBySeverity.get(s).keySet());
        }
        return found;
    }

    /** The critical sectors concerned by a signal of at least this severity. */
    public Set<Sector> criticalSectorsAtLeast(int severity) {
        Set<Sector> found = new TreeSet<>();
        if (severity <= 1) {
            found.addAll(criticalSectors.keySet());
        }
        for (int s = Math.max(1, severity); s < severities.length; s++) {
            found.addAll(sectorsBySeverity.get(s).keySet());
        }
        return found;
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
        other.criticalSectors.forEach((c, n) -> criticalSectors.merge(c, sign * n, Integer::sum));
        for (int s = 0; s < severities.length; s++) {
            severities[s] += sign * other.severities[s];
            Map<String, Integer> mine = countriesBySeverity.get(s);
            other.countriesBySeverity.get(s).forEach((c, n) -> mine.merge(c, sign * n, Integer::sum));
            Map<Sector, Integer> mySectors = sectorsBySeverity.get(s);
            other.sectorsBySeverity.get(s).forEach((c, n) -> mySectors.merge(c, sign * n, Integer::sum));
        }
        tidy();
    }

    private void apply(Observation o, int delta) {
        int severity = Math.max(1, Math.min(5, o.severity()));
        count += delta;
        countOnly += o.countOnly() ? delta : 0;
        severities[severity] += delta;
        countries.merge(o.country(), delta, Integer::sum);
        countriesBySeverity.get(severity).merge(o.country(), delta, Integer::sum);
        for (Sector sector : o.criticalSectors()) {
            criticalSectors.merge(sector, delta, Integer::sum);
            sectorsBySeverity.get(severity).merge(sector, delta, Integer::sum);
        }
        tidy();
    }

    /**
     * Drops values no signal counts any more. A per-severity count taken below zero means the
     * signals taken back were unattributed here (see the class comment): dropping it takes them from
     * the unattributed rest, and the totals stay exact.
     */
    private void tidy() {
        countries.values().removeIf(n -> n <= 0);
        criticalSectors.values().removeIf(n -> n <= 0);
        countriesBySeverity.forEach(m -> m.values().removeIf(n -> n <= 0));
        sectorsBySeverity.forEach(m -> m.values().removeIf(n -> n <= 0));
    }

    private static Map<Sector, Integer> sectors(Map<Sector, Integer> counts) {
        return counts.isEmpty() ? new EnumMap<>(Sector.class) : new EnumMap<>(counts);
    }

    private static <K> List<Map<K, Integer>> perSeverity(List<Map<K, Integer>> given, Supplier<Map<K, Integer>> empty) {
        List<Map<K, Integer>> copy = new ArrayList<>(6);
        for (int s = 0; s < 6; s++) {
            Map<K, Integer> map = empty.get();
            if (s > 0 && s < given.size()) {
                map.putAll(given.get(s));
            }
            copy.add(map);
        }
        return copy;
    }
}
