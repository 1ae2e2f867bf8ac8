package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The figures of a correlation group over one window {@code (end − window, end]}, from its running
 * tally (exact to the correlation resolution, and exact for slot-aligned times). COUNT_ONLY signals
 * are in every figure; {@code countOnly} says how many of them there are.
 */
public record WindowStats(
        Duration window,
        long start,
        long end,
        int signalCount,
        int countOnly,
        SortedSet<String> countries,
        Set<Category> categories,
        Set<Sector> criticalSectors,
        int maxSeverity,
        Map<Category, Integer> countByCategory) {

    public WindowStats {
        countries = Collections.unmodifiableSortedSet(new TreeSet<>(countries));
        categories = Collections.unmodifiableSet(categories.isEmpty()
                ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(categories));
        criticalSectors = Collections.unmodifiableSet(criticalSectors.isEmpty()
                ? EnumSet.noneOf(Sector.class) : EnumSet.copyOf(criticalSectors));
        countByCategory = Collections.unmodifiableMap(countByCategory.isEmpty()
                ? Map.of() : new EnumMap<>(countByCategory));
    }

    /** The figures of the categories in {@code tally} that pass {@code filter}, for the window ending at {@code end}. */
    public static WindowStats of(WindowTally tally, Duration window, long end, Predicate<Category> filter) {
        SortedSet<String> countries = new TreeSet<>();
        Set<Sector> critical = EnumSet.noneOf(Sector.class);
        Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        int count = 0;
        int countOnly = 0;
        int maxSeverity = 0;
        for (Map.Entry<Category, Tally> entry : tally.byCategory().entrySet()) {
            Tally t = entry.getValue();
            if (t.isEmpty() || !filter.test(entry.getKey())) {
                continue;
            }
            count += t.count();
            countOnly += t.countOnly();
            countries.addAll(t.countries().keySet());
            critical.addAll(t.criticalSectors().keySet());
            byCategory.put(entry.getKey(), t.count());
            maxSeverity = Math.max(maxSeverity, t.maxSeverity());
        }
        return new WindowStats(window, end - window.toMillis(), end, count, countOnly, countries,
                byCategory.keySet(), critical, maxSeverity, byCategory);
    }
}
