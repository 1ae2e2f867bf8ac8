package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the escalation rules over a correlation group's window tallies at one moment
 * (tallies the engine has brought up to {@code at}). Pure: the same tallies, time and baseline always give the same assessment. Each rule
 * is checked over its own window; each category floor over the shortest window. The result
 * is the highest tier reached, with every rule that reaches it (rules in declaration order,
 * then floors); empty when nothing reaches above the tier the group already has.
 */
public final class RulesEngine {

    private final EscalationRules rules;
    private final RuleMatcher matcher;

    public RulesEngine(EscalationRules rules) {
        this.rules = rules;
        this.matcher = new RuleMatcher(rules.baseline().minimumExpected());
    }

    /** The tier the group's tallies reach at {@code at}, and why — only when it is above {@code current}. */
    public Optional<Assessment> assessAbove(Tier current, GroupState group, long at, Baseline baseline) {
        List<Firing> firings = new ArrayList<>();
        for (EscalationRule rule : rules.rules()) {
            matcher.match(rule, group, at, baseline).ifPresent(firings::add);
        }
        firings.addAll(floors(group, at));
        Optional<Tier> top = firings.stream().map(Firing::tier).max(Comparator.naturalOrder());
        if (top.isEmpty() || top.get().compareTo(current) <= 0) {
            return Optional.empty();
        }
        List<Firing> reaching = firings.stream().filter(f -> f.tier() == top.get()).toList();
        return Optional.of(new Assessment(
                top.get(),
                reaching.stream().map(Firing::ruleId).toList(),
                String.join("; ", reaching.stream().map(f -> f.reason().get()).toList()),
                reaching.get(0).stats()));
    }

    private List<Firing> floors(GroupState group, long at) {
        if (rules.categoryFloors().isEmpty()) {
            return List.of();
        }
        Duration window = rules.shortestWindow();
        WindowStats stats = WindowStats.of(group.window(window), window, at, c -> true);
        List<Firing> firings = new ArrayList<>();
        for (Map.Entry<Category, Tier> floor : rules.categoryFloors().entrySet()) {
            if (stats.categories().contains(floor.getKey())) {
                firings.add(new Firing("floor:" + floor.getKey(), floor.getValue(),
                        () -> "floor:" + floor.getKey() + ": " + floor.getKey() + " starts at " + floor.getValue(), stats));
            }
        }
        return firings;
    }
}
