package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated escalation configuration: named windows, correlation and baseline settings,
 * category floors and the rules. Immutable; build it with {@link RulesParser}.
 *
 * @param windows        window name → length, in declaration order
 * @param correlation    how signals are grouped
 * @param baseline       the trailing per-category baseline
 * @param categoryFloors category → tier a group reaches as soon as it holds such a signal
 * @param rules          the rules, in declaration order
 */
public record EscalationRules(
        Map<String, Duration> windows,
        CorrelationSettings correlation,
        BaselineSettings baseline,
        Map<Category, Tier> categoryFloors,
        List<EscalationRule> rules) {

    public EscalationRules {
        windows = Collections.unmodifiableMap(new LinkedHashMap<>(windows));
        Objects.requireNonNull(correlation, "correlation");
        Objects.requireNonNull(baseline, "baseline");
        categoryFloors = categoryFloors.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(categoryFloors));
        rules = List.copyOf(rules);
    }

    /** The shortest configured window; category floors are reported over it. */
    public Duration shortestWindow() {
        return windows.values().stream().min(Duration::compareTo).orElseThrow();
    }

    /** The longest configured window: observations older than this are no longer needed. */
    public Duration longestWindow() {
        return windows.values().stream().max(Duration::compareTo).orElseThrow();
    }

    /** The name of the window of the given length (the shortest name wins on a tie). */
    public String windowName(Duration length) {
        return windows.entrySet().stream()
                .filter(e -> e.getValue().equals(length))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no window of length " + length));
    }
}
