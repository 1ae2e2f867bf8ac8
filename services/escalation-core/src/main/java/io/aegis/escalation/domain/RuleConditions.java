package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.Set;

/**
 * The thresholds of one rule; every condition that is set must hold (logical AND). When
 * {@code categories} is non-empty, only signals of those categories are counted.
 *
 * @param minSignals         at least this many signals in the window
 * @param minCountries       at least this many distinct reporting countries
 * @param minSeverity        the maximum severity in the window is at least this (1..5)
 * @param minCriticalSectors at least this many distinct critical-infrastructure sectors touched
 * @param categories         restrict counting to these categories (empty: all)
 * @param baselineFactor     some category's count is at least this multiple of its trailing baseline
 */
public record RuleConditions(
        Integer minSignals,
        Integer minCountries,
        Integer minSeverity,
        Integer minCriticalSectors,
        Set<Category> categories,
        Double baselineFactor) {

    public RuleConditions {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
    }

    /** True when no threshold is set (categories alone are a filter, not a threshold). */
    public boolean hasNoThreshold() {
        return minSignals == null && minCountries == null && minSeverity == null
                && minCriticalSectors == null && baselineFactor == null;
    }
}
