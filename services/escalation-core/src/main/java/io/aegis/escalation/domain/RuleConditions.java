package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.Set;

/**
 * The thresholds of one rule; every condition that is set must hold (logical AND). When
 * {@code categories} is non-empty, only signals of those categories are counted. When
 * {@code minSeverity} is set, only reports at or above it are counted by minSignals, minCountries
 * and minCriticalSectors, and at least one such report is needed.
 *
 * @param minSignals         at least this many (counted) signals in the window
 * @param minCountries       at least this many distinct countries that sent a counted signal
 * @param minSeverity        count only signals of at least this severity (1..5); at least one is needed
 * @param minCriticalSectors at least this many distinct critical-infrastructure sectors touched by counted signals
 * @param categories         restrict counting to these categories (empty: all)
 * @param baselineFactor     some category's count (all severities) is at least this multiple of its trailing baseline
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
