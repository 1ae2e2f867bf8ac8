package io.aegis.response.domain;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The workflow's rules: the tier at which a case opens, acknowledgement deadlines per tier,
 * quorum per joint action and the regulatory obligations. Immutable; every invariant is checked
 * here so that a workflow never runs on an inconsistent rule set.
 *
 * @param openTier      lowest escalation tier that opens a case
 * @param ackDeadlines  time allowed to acknowledge, per tier; a tier without one has no deadline
 * @param defaultQuorum fraction of involved countries whose YES passes an action, in (0, 1]
 * @param quorums       quorum per action type, overriding the default
 * @param obligations   regulatory clocks, ids unique
 */
public record ResponseSettings(Tier openTier, Map<Tier, Duration> ackDeadlines, double defaultQuorum,
                               Map<ActionType, Double> quorums, List<ObligationRule> obligations) {

    /** Two thirds, written as a fraction so that three countries need exactly two YES votes. */
    public static final double TWO_THIRDS = 2.0 / 3.0;

    public ResponseSettings {
        Objects.requireNonNull(openTier, "openTier");
        requireQuorum("defaultQuorum", defaultQuorum);
        Map<Tier, Duration> deadlines = new EnumMap<>(Tier.class);
        ackDeadlines.forEach((tier, deadline) -> {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("ackDeadlines." + tier + " must be a positive duration, got " + deadline);
            }
            deadlines.put(tier, deadline);
        });
        Map<ActionType, Double> byAction = new EnumMap<>(ActionType.class);
        quorums.forEach((type, quorum) -> byAction.put(type, requireQuorum("quorums." + type, quorum)));
        Set<String> ids = new HashSet<>();
        for (ObligationRule rule : obligations) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("obligations: id '" + rule.id() + "' is used twice; ids must be unique");
            }
        }
        ackDeadlines = Map.copyOf(deadlines);
        quorums = Map.copyOf(byAction);
        obligations = List.copyOf(obligations);
    }

    /** The defaults of the issue: SEVERE opens a case; ELEVATED 4 h, SEVERE 60 min, CRITICAL 15 min; two thirds. */
    public static ResponseSettings defaults() {
        return new ResponseSettings(Tier.SEVERE,
                Map.of(Tier.ELEVATED, Duration.ofHours(4), Tier.SEVERE, Duration.ofMinutes(60),
                        Tier.CRITICAL, Duration.ofMinutes(15)),
                TWO_THIRDS, Map.of(), List.of());
    }

    public Optional<Duration> ackDeadline(Tier tier) {
        return Optional.ofNullable(ackDeadlines.get(tier));
    }

    public double quorum(ActionType type) {
        return quorums.getOrDefault(type, defaultQuorum);
    }

    public Optional<ObligationRule> obligation(String id) {
        return obligations.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    public ResponseSettings withObligations(List<ObligationRule> rules) {
        return new ResponseSettings(openTier, ackDeadlines, defaultQuorum, quorums, rules);
    }

    private static double requireQuorum(String field, double quorum) {
        if (!(quorum > 0.0 && quorum <= 1.0)) {
            throw new IllegalArgumentException(field + " must be a fraction in (0, 1], got " + quorum);
        }
        return quorum;
    }
}
