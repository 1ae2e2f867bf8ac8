package io.aegis.escalation.domain;

import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Correlates each coordination signal into its group, re-evaluates the rules and answers an
 * {@link Escalation} exactly when the group's tier rises. Invariants: a group's tier never falls
 * (retractions and window expiry lower the figures, not the tier); a tier is announced at most
 * once per group; a signal redelivered into the same slot is counted once; the answer depends
 * only on the signals, their times and the rules — never on the wall clock.
 */
public final class EscalationEngine {

    /** At most this many signal ids are named on one escalation; the counts cover all. */
    public static final int MAX_NAMED_SIGNALS = 1000;

    private final EscalationRules rules;
    private final RulesEngine rulesEngine;
    private final Correlator correlator;
    private final GroupStore groups;
    private final Baseline baseline;
    private final long resolution;

    public EscalationEngine(EscalationRules rules, GroupStore groups, Baseline baseline) {
        this.rules = rules;
        this.rulesEngine = new RulesEngine(rules);
        this.correlator = new Correlator(groups, rules.longestWindow());
        this.groups = groups;
        this.baseline = baseline;
        this.resolution = rules.correlation().resolution().toMillis();
    }

    /** Takes in one (valid) signal observed at {@code at}; the escalation it causes, if any. */
    public Optional<Escalation> onSignal(CoordinationSignal signal, long at) {
        List<String> keys = CorrelationKeys.of(signal, rules.correlation().keys());
        if (signal.getRetracted()) {
            retract(signal.getSignalId(), keys, at);
            return Optional.empty();
        }
        GroupState group = correlator.join(keys, at);
        count(group, observation(signal, at));
        long evaluatedAt = Math.max(at, group.lastSeen());
        for (Slot expired : group.pruneBefore(evaluatedAt - rules.longestWindow().toMillis() - resolution)) {
            groups.saveSignals(group.id(), expired.start(), expired.category(), List.of());
        }
        Optional<Escalation> escalation = rulesEngine.assess(group.slots(), evaluatedAt, baseline)
                .filter(assessment -> assessment.tier().compareTo(group.tier()) > 0)
                .map(assessment -> {
                    Tier previous = group.raiseTo(assessment.tier());
                    return Escalations.of(group, previous, assessment, namedSignals(group.id(), assessment.stats()));
                });
        groups.save(group);
        return escalation;
    }

    /** Forgets groups idle for longer than the retention, and old baseline counts; returns how many groups. */
    public int expire(long now) {
        List<String> idle = groups.idleGroups(now - rules.correlation().groupRetention().toMillis());
        for (String id : idle) {
            GroupState group = groups.load(id);
            if (group != null) {
                correlator.forget(group);
            }
        }
        baseline.pruneBefore(now - rules.baseline().trailing().toMillis() - rules.longestWindow().toMillis());
        return idle.size();
    }

    private void count(GroupState group, Observation observation) {
        long slotStart = Math.floorDiv(observation.timestamp(), resolution) * resolution;
        List<Observation> slotSignals = new ArrayList<>(
                groups.signals(group.id(), slotStart, observation.category()));
        if (slotSignals.stream().anyMatch(o -> o.signalId().equals(observation.signalId()))) {
            return;
        }
        slotSignals.add(observation);
        groups.saveSignals(group.id(), slotStart, observation.category(), slotSignals);
        group.observe(observation, slotStart);
        baseline.record(observation.category(), observation.timestamp());
    }

    private void retract(String signalId, List<String> keys, long at) {
        for (GroupState group : correlator.existing(keys, at)) {
            for (Slot slot : List.copyOf(group.slots())) {
                List<Observation> slotSignals = new ArrayList<>(groups.signals(group.id(), slot.start(), slot.category()));
                Optional<Observation> found = slotSignals.stream().filter(o -> o.signalId().equals(signalId)).findFirst();
                if (found.isPresent()) {
                    slotSignals.remove(found.get());
                    groups.saveSignals(group.id(), slot.start(), slot.category(), slotSignals);
                    group.retract(found.get(), slot.start());
                    groups.save(group);
                    return;
                }
            }
        }
    }

    private List<String> namedSignals(String groupId, WindowStats stats) {
        List<String> named = new ArrayList<>();
        for (Slot slot : stats.slots()) {
            for (Observation o : groups.signals(groupId, slot.start(), slot.category())) {
                if (!o.countOnly() && named.size() < MAX_NAMED_SIGNALS) {
                    named.add(o.signalId());
                }
            }
        }
        return named;
    }

    private static Observation observation(CoordinationSignal signal, long at) {
        return new Observation(signal.getSignalId(), signal.getOriginCountry(), signal.getCategory(),
                Set.copyOf(signal.getSectors()), signal.getSeverity(), at,
                signal.getLevel() == CoordinationLevel.COUNT_ONLY);
    }
}
