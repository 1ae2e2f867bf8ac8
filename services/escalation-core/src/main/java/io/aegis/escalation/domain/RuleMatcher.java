package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Checks one rule's conditions against a group's observations and says, in words, why it holds. */
final class RuleMatcher {

    private final double minimumExpected;

    RuleMatcher(double minimumExpected) {
        this.minimumExpected = minimumExpected;
    }

    Optional<Firing> match(EscalationRule rule, GroupState group, long at, Baseline baseline) {
        RuleConditions when = rule.when();
        WindowStats stats = WindowStats.of(group.window(rule.length()), rule.length(), at,
                c -> when.categories().isEmpty() || when.categories().contains(c));
        if (stats.signalCount() == 0) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        boolean holds = atLeast(when.minSignals(), stats.signalCount(), "signals", parts)
                && atLeast(when.minCountries(), stats.countries().size(), "countries", parts)
                && atLeast(when.minSeverity(), stats.maxSeverity(), "max severity", parts)
                && atLeast(when.minCriticalSectors(), stats.criticalSectors().size(), "critical sectors", parts)
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
        parts.add(what.startsWith("max") ? what + " " + actual + " (>= " + threshold + ")"
                : actual + " " + what + " (>= " + threshold + ")");
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
