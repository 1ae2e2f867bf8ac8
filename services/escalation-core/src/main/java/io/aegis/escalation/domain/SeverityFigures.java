package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a rule counts: the reports of a group's window, of the categories that pass the rule's
 * filter, at or above {@code minSeverity} — how many, which countries sent at least one, which
 * critical sectors they touch. At severity 1 these are the figures of every report. The figures put
 * on an escalation stay those of the whole window ({@link WindowStats}).
 *
 * @param minSeverity     the lowest severity counted (1..5)
 * @param signals         reports at or above it
 * @param countries       countries that sent at least one of them
 * @param criticalSectors critical-infrastructure sectors touched by at least one of them
 */
public record SeverityFigures(int minSeverity, int signals, SortedSet<String> countries, Set<Sector> criticalSectors) {

    public SeverityFigures {
        countries = Collections.unmodifiableSortedSet(new TreeSet<>(countries));
        criticalSectors = Collections.unmodifiableSet(criticalSectors.isEmpty()
                ? EnumSet.noneOf(Sector.class) : EnumSet.copyOf(criticalSectors));
    }

    /** The figures at or above {@code minSeverity} of the categories in {@code tally} that pass {@code filter}. */
    public static SeverityFigures of(WindowTally tally, Predicate<Category> filter, int minSeverity) {
        SortedSet<String> countries = new TreeSet<>();
        Set<Sector> critical = EnumSet.noneOf(Sector.class);
        int signals = 0;
        for (Map.Entry<Category, Tally> entry : tally.byCategory().entrySet()) {
            if (!filter.test(entry.getKey())) {
                continue;
            }
            Tally t = entry.getValue();
            signals += t.countAtLeast(minSeverity);
            countries.addAll(t.countriesAtLeast(minSeverity));
            critical.addAll(t.criticalSectorsAtLeast(minSeverity));
        }
        return new SeverityFigures(minSeverity, signals, countries, critical);
    }
}
