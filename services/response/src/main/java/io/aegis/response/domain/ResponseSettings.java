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
 * here so that a workflow never runs on an inconsistent rule set. Invariant: every tier from
 * {@code openTier} up to CRITICAL has an acknowledgement deadline, so that an open case always
 * waits on one; {@link #ackFloor()} is the lowest tier a case may be lowered to.
 *
 * @param openTier      lowest escalation tier that opens a case
 * @param ackDeadlines  time allowed to acknowledge, per tier; required from {@code openTier} up
 * @param defaultQuorum fraction of involved countries whose YES passes an action, in (0, 1]
 * @param quorums       quorum per action type, overriding the default
 * @param obligations   regulatory clocks, ids unique
 * @param updateInterval at most one CASE_UPDATED notification per case within this positive interval
 */
public record ResponseSettings(Tier openTier, Map<Tier, Duration> ackDeadlines, double defaultQuorum,
                               Map<ActionType, Double> quorums, List<ObligationRule> obligations,
                               Duration updateInterval) {

    /** Two thirds, written as a fraction so that three countries need exactly two YES votes. */
    public static final double TWO_THIRDS = 2.0 / 3.0;

    /** Default of {@code updateNotifications.interval}. */
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofMinutes(1);

    /** The rule broken by a zero or negative update-notification interval. */
    public static final String POSITIVE_INTERVAL_RULE =
            "must be a positive duration, or officers would be told of every new signal one by one";

    public ResponseSettings {
        Objects.requireNonNull(openTier, "openTier");
        Objects.requireNonNull(updateInterval, "updateInterval");
        if (updateInterval.isNegative() || updateInterval.isZero()) {
            throw new IllegalArgumentException("updateNotifications.interval: " + POSITIVE_INTERVAL_RULE + ", got "
                    + updateInterval);
        }
        requireQuorum("defaultQuorum", defaultQuorum);
        Map<Tier, Duration> deadlines = new EnumMap<>(Tier.class);
        ackDeadlines.forEach((tier, deadline) -> {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("ackDeadlines." + tier + " must be a positive duration, got " + deadline);
            }
            deadlines.put(tier, deadline);
        });
        for (Tier tier : Tier.values()) {
            if (tier.compareTo(openTier) >= 0 && !deadlines.containsKey(tier)) {
                throw new IllegalArgumentException("ackDeadlines." + tier + ": " + missingDeadlineRule(openTier));
            }
        }
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

    /** Rules with the default update-notification interval. */
    public ResponseSettings(Tier openTier, Map<Tier, Duration> ackDeadlines, double defaultQuorum,
                            Map<ActionType, Double> quorums, List<ObligationRule> obligations) {
        this(openTier, ackDeadlines, defaultQuorum, quorums, obligations, DEFAULT_UPDATE_INTERVAL);
    }

    /** The defaults of the issue: SEVERE opens a case; ELEVATED 4 h, SEVERE 60 min, CRITICAL 15 min; two thirds. */
    public static ResponseSettings defaults() {
        return new ResponseSettings(Tier.SEVERE,
                Map.of(Tier.ELEVATED, Duration.ofHours(4), Tier.SEVERE, Duration.ofMinutes(60),
                        Tier.CRITICAL, Duration.ofMinutes(15)),
                TWO_THIRDS, Map.of(), List.of());
    }

    /** The rule broken when a tier at or above {@code openTier} has no acknowledgement deadline. */
    public static String missingDeadlineRule(Tier openTier) {
        return "is required: every tier from openTier " + openTier + " up needs an acknowledgement deadline,"
                + " or its open cases would stall silently";
    }

    public Optional<Duration> ackDeadline(Tier tier) {
        return Optional.ofNullable(ackDeadlines.get(tier));
    }

    /**
     * The time allowed to acknowledge a case at {@code tier}: the tier's own deadline, or, for a tier
     * below {@link #ackFloor()} that has none, the deadline of the nearest tier above that has one
     * (CRITICAL always has one). Never empty, so that an open case always waits on a deadline.
     */
    public Duration ackDeadlineFor(Tier tier) {
        for (int i = tier.ordinal(); i < Tier.values().length; i++) {
            Duration deadline = ackDeadlines.get(Tier.values()[i]);
            if (deadline != null) {
                return deadline;
            }
        }
        throw new IllegalStateException("CRITICAL has an acknowledgement deadline by construction");
    }

    /**
     * The lowest tier from which every tier up to CRITICAL has an acknowledgement deadline: the
     * lowest tier a case may be lowered to (at most {@code openTier}).
     */
    public Tier ackFloor() {
        Tier floor = Tier.CRITICAL;
        for (int i = Tier.CRITICAL.ordinal(); i >= 0 && ackDeadlines.containsKey(Tier.values()[i]); i--) {
            floor = Tier.values()[i];
        }
        return floor;
    }

    public double quorum(ActionType type) {
        return quorums.getOrDefault(type, defaultQuorum);
    }

    public Optional<ObligationRule> obligation(String id) {
        return obligations.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    public ResponseSettings withObligations(List<ObligationRule> rules) {
        return new ResponseSettings(openTier, ackDeadlines, defaultQuorum, quorums, rules, updateInterval);
    }

    public ResponseSettings withUpdateInterval(Duration interval) {
        return new ResponseSettings(openTier, ackDeadlines, defaultQuorum, quorums, obligations, interval);
    }

    private static double requireQuorum(String field, double quorum) {
        if (!(quorum > 0.0 && quorum <= 1.0)) {
            throw new IllegalArgumentException(field + " must be a fraction in (0, 1], got " + quorum);
        }
        return quorum;
    }
}
