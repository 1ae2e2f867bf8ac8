package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The figures of a correlation group over one window {@code (end − window, end]}, counted from
 * the slots whose start lies in it (so windows are exact to the correlation resolution, and
 * exact for slot-aligned times). COUNT_ONLY
 * signals are in every figure; {@code countOnly} says how many of them there are.
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
        Map<Category, Integer> countByCategory,
        List<Slot> slots) {

    public WindowStats {
        countries = Collections.unmodifiableSortedSet(new TreeSet<>(countries));
        categories = Collections.unmodifiableSet(categories.isEmpty()
                ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(categories));
        criticalSectors = Collections.unmodifiableSet(criticalSectors.isEmpty()
                ? EnumSet.noneOf(Sector.class) : EnumSet.copyOf(criticalSectors));
        countByCategory = Collections.unmodifiableMap(countByCategory.isEmpty()
                ? Map.of() : new EnumMap<>(countByCategory));
        slots = List.copyOf(slots);
    }

    /** The figures of the slots starting in {@code (end − window, end]} whose category passes {@code filter}. */
    public static WindowStats over(Collection<Slot> all, Duration window, long end, Predicate<Category> filter) {
        long start = end - window.toMillis();
        List<Slot> inWindow = new ArrayList<>();
        SortedSet<String> countries = new TreeSet<>();
        Set<Sector> critical = EnumSet.noneOf(Sector.class);
        Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        int count = 0;
        int countOnly = 0;
        int maxSeverity = 0;
        for (Slot slot : all) {
            if (slot.start() <= start || slot.start() > end || !filter.test(slot.category())) {
                continue;
            }
            inWindow.add(slot);
            count += slot.count();
            countOnly += slot.countOnly();
            countries.addAll(slot.countries().keySet());
            critical.addAll(slot.criticalSectors().keySet());
            byCategory.merge(slot.category(), slot.count(), Integer::sum);
            maxSeverity = Math.max(maxSeverity, slot.maxSeverity());
        }
        return new WindowStats(window, start, end, count, countOnly, countries, byCategory.keySet(),
                critical, maxSeverity, byCategory, inWindow);
    }
}
