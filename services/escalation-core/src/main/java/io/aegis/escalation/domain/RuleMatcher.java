package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks one rule's conditions against a group's window and says, in words, why it holds. With
 * {@code minSeverity}, {@code minSignals}, {@code minCountries} and {@code minCriticalSectors} count
 * only the reports at or above that severity, and at least one such report is needed; the baseline
 * factor and the figures put on the escalation are those of the whole (category-filtered) window.
 */
final class RuleMatcher {

    private final double minimumExpected;

    RuleMatcher(double minimumExpected) {
        this.minimumExpected = minimumExpected;
    }

    Optional<Firing> match(EscalationRule rule, GroupState group, long at, Baseline baseline) {
        RuleConditions when = rule.when();
        Predicate<Category> counted = c -> when.categories().isEmpty() || when.categories().contains(c);
        WindowTally window = group.window(rule.length());
        WindowStats stats = WindowStats.of(window, rule.length(), at, counted);
        Integer severity = when.minSeverity();
        // with minSeverity, a rule counts only the reports at or above it (and needs one)
        SeverityFigures reports = SeverityFigures.of(window, counted, severity == null ? 1 : severity);
        if (stats.signalCount() == 0 || reports.signals() == 0) {
            return Optional.empty();
        }
        String of = severity == null ? "" : " of severity >= " + severity;
        List<String> parts = new ArrayList<>();
        if (severity != null && when.minSignals() == null && when.minCountries() == null
                && when.minCriticalSectors() == null) {
            parts.add(reports.signals() + (reports.signals() == 1 ? " signal" : " signals") + of);
        }
        boolean holds = atLeast(when.minSignals(), reports.signals(), "signals" + of, parts)
                && atLeast(when.minCountries(), reports.countries().size(),
                        "countries" + (severity == null ? "" : " with reports" + of), parts)
                && atLeast(when.minCriticalSectors(), reports.criticalSectors().size(),
                        "critical sectors" + (severity == null ? "" : " hit by reports" + of), parts)
                && surge(when.baselineFactor(), stats, baseline, parts);
        if (!holds) {
            return Optional.empty();
        }
        return Optional.of(new Firing(rule.id(), rule.tier(), () -> {
            String scope = when.categories().isEmpty() ? "" : " of " + when.categories().stream().sorted().toList();
            return rule.id() + ": " + String.join(", ", parts) + scope + " within " + rule.length();
        }, stats));
    }

    private static boolean atLeast(Integer threshold, int actual, String what, List<String> parts) {
        if (threshold == null) {
            return true;
        }
        if (actual < threshold) {
            return false;
        }
        parts.add(actual + " " + what + " (>= " + threshold + ")");
        return true;
    }

    private boolean surge(Double factor, WindowStats stats, Baseline baseline, List<String> parts) {
        if (factor == null) {
            return true;
        }
        Optional<String> strongest = stats.countByCategory().entrySet().stream()
                .map(e -> ratio(e, stats, baseline))
                .filter(r -> r.ratio() >= factor)
                .max(Comparator.comparingDouble(Ratio::ratio))
                .map(r -> String.format(Locale.ROOT, "%d %s signals, %.1fx the trailing baseline of %.1f (>= %.1fx)",
                        r.count(), r.category(), r.ratio(), r.expected(), factor));
        strongest.ifPresent(parts::add);
        return strongest.isPresent();
    }

    private Ratio ratio(Map.Entry<Category, Integer> entry, WindowStats stats, Baseline baseline) {
        double expected = Math.max(minimumExpected,
                baseline.expectedCount(entry.getKey(), stats.start(), stats.window()));
        return new Ratio(entry.getKey(), entry.getValue(), expected, entry.getValue() / expected);
    }

    private record Ratio(Category category, int count, double expected, double ratio) {
    }
}
