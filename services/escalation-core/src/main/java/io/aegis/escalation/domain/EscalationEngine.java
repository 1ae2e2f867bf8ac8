package io.aegis.escalation.domain;

import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Correlates each coordination signal into its group, brings the group's window tallies up to the
 * signal's time, re-evaluates the rules and answers an {@link Escalation} exactly when the group's
 * tier rises, or a group update when a new signal is counted in a group already above NOTICE whose
 * tier it does not raise (so the group's case lists every report that joins it). A record for a signal already held (a retraction, or a downgrade's narrowed facts)
 * is an update, never a new observation: see {@link SignalUpdates}, which answers a disclosure
 * update for an escalated group. Invariants: a group's tier never falls (retractions and window
 * expiry lower the figures, not the tier); a tier is announced at most once per group; a signal is
 * counted once, however often and whenever it is redelivered or updated; each window's tally equals the sum of the group's slots after
 * its boundary; the answer depends only on the signals, their times and the rules; every
 * counted signal of a group above NOTICE is named (unless COUNT_ONLY) on exactly one escalation or
 * group update of that group, the one its arrival caused. A signal that merges groups above NOTICE into its
 * group names them in {@code absorbedGroups} of the record it causes (a group update naming no signal when it
 * causes none), so that their cases fold into the survivor's.
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
    private final Duration longest;
    private final List<Duration> shortestFirst;
    private final SignalUpdates updates;

    public EscalationEngine(EscalationRules rules, GroupStore groups, Baseline baseline) {
        this.rules = rules;
        this.rulesEngine = new RulesEngine(rules);
        this.correlator = new Correlator(groups, rules.windows().values(), rules.correlation().resolution());
        this.groups = groups;
        this.baseline = baseline;
        this.resolution = rules.correlation().resolution().toMillis();
        this.longest = rules.longestWindow();
        this.shortestFirst = rules.windows().values().stream().distinct().sorted().toList();
        this.updates = new SignalUpdates(groups, resolution);
    }

    /** Takes in one (valid) signal observed at {@code at}; the escalation it causes, if any. */
    public Optional<Escalation> onSignal(CoordinationSignal signal, long at) {
        List<String> keys = CorrelationKeys.of(signal, rules.correlation().keys());
        if (signal.getRetracted() || signal.getUpdate()) {
            // only changes of a signal already sent look for it (through the signal index): a new report never does,
            // and a change of a signal no longer held (its group expired) is never counted as a new report
            Optional<SignalUpdates.Held> held = updates.find(signal.getSignalId(), keys);
            return signal.getRetracted() ? held.flatMap(h -> updates.retract(h, at))
                    : held.flatMap(h -> updates.narrow(h, signal, at));
        }
        Observation observation = observation(signal, at);
        long slotStart = slotOf(at);
        Correlator.Joined joined = correlator.joining(keys, at);
        GroupState group = joined.survivor();
        List<String> absorbed = joined.absorbedAbove(Tier.NOTICE);
        if (groups.hasSignal(group.id(), slotStart, observation.category(), observation.signalId())) {
            groups.save(group);
            return absorbed.isEmpty() ? Optional.empty() : Optional.of(mergeUpdate(group, absorbed, at));
        }
        baseline.record(observation.category(), at);
        long evaluatedAt = Math.max(at, group.lastSeen());
        group.seen(at);
        for (Duration window : shortestFirst) {
            advance(group, window, evaluatedAt);
        }
        boolean counted = group.window(longest).covers(slotStart);
        if (counted) {
            count(group, observation, slotStart);
        }
        Optional<Escalation> escalation = rulesEngine.assessAbove(group.tier(), group, evaluatedAt, baseline)
                .map(assessment -> {
                    Tier previous = group.raiseTo(assessment.tier());
                    List<Observation> signals = windowSignals(group.id(), assessment.stats());
                    return Escalations.of(group, previous, assessment, named(signals), Disclosures.of(signals));
                });
        if (escalation.isEmpty() && counted && group.tier().compareTo(Tier.NOTICE) > 0) {
            // the group's case must hear of every report that joins it, not only of tier rises
            WindowStats figures = WindowStats.of(group.window(longest), longest, evaluatedAt, category -> true);
            escalation = Optional.of(Escalations.groupUpdate(group, figures, observation));
        }
        if (escalation.isEmpty() && !absorbed.isEmpty()) {
            // not counted (late beyond the window), yet escalated groups merged: their cases must still fold
            escalation = Optional.of(mergeUpdate(group, absorbed, evaluatedAt));
        }
        groups.save(group);
        return escalation.map(record -> absorbed.isEmpty() ? record : withAbsorbed(record, absorbed));
    }

    /** A group update naming no signal, told only so that the absorbed groups' cases fold into the survivor's. */
    private Escalation mergeUpdate(GroupState group, List<String> absorbed, long at) {
        WindowStats figures = WindowStats.of(group.window(longest), longest, Math.max(at, group.lastSeen()), category -> true);
        return withAbsorbed(Escalations.mergeUpdate(group, figures, absorbed), absorbed);
    }

    private static Escalation withAbsorbed(Escalation record, List<String> absorbed) {
        return Escalation.newBuilder(record).setAbsorbedGroups(List.copyOf(absorbed)).build();
    }

    /**
     * The case of group {@code groupId}, opened at {@code caseOpenedAt}, was resolved: the incident is
     * over, so the group stops linking. Its keys, slots and signals are dropped — a later report, even one
     * with the same campaign, indicator or category × sector, starts a new group from NOTICE, which can
     * escalate into a new case — and its header is kept (without keys) until it idles out, so that the
     * next group founded by the same key gets an id of its own. Its signals leave the signal index with
     * them, so a later retraction or downgrade of one of them finds nothing and is dropped: the case is
     * resolved, there is nothing left to narrow. A resolution older than the group (a group of that id
     * founded after the case opened) changes nothing; so does a repeated one.
     *
     * @return whether the group was retired
     */
    public boolean retire(String groupId, long caseOpenedAt) {
        GroupState group = groups.load(groupId);
        if (group == null || group.createdAt() > caseOpenedAt || groups.keysOf(groupId).isEmpty()) {
            return false;
        }
        for (String key : groups.keysOf(groupId)) {
            groups.unassign(key, groupId);
        }
        for (Observation signal : groups.signals(groupId, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE)) {
            groups.deleteSignal(groupId, slotOf(signal.timestamp()), signal);
        }
        for (Slot slot : groups.slots(groupId, Long.MIN_VALUE, Long.MAX_VALUE)) {
            groups.saveSlot(groupId, Slot.empty(slot.start(), slot.category()));
        }
        GroupState retired = new GroupState(group.id(), group.createdAt(), group.lastSeen(), group.tier(), java.util.Map.of());
        groups.save(retired);
        return true;
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
        baseline.pruneBefore(now - rules.baseline().trailing().toMillis() - longest.toMillis());
        return idle.size();
    }

    /**
     * Moves a window's boundary to {@code end − window}, taking out the slots it passes. Windows move
     * shortest first, so the longest moves last and can drop the slots it passes for good.
     */
    private void advance(GroupState group, Duration window, long end) {
        WindowTally tally = group.window(window);
        long boundary = end - window.toMillis();
        if (boundary <= tally.boundary()) {
            return;
        }
        for (Slot passed : groups.slots(group.id(), tally.boundary(), boundary)) {
            tally.remove(passed);
            if (window.equals(longest)) {
                drop(group.id(), passed);
            }
        }
        tally.moveBoundary(boundary);
    }

    private void count(GroupState group, Observation observation, long slotStart) {
        groups.saveSignal(group.id(), slotStart, observation);
        Slot slot = groups.slot(group.id(), slotStart, observation.category());
        Slot updated = slot == null ? Slot.empty(slotStart, observation.category()) : slot;
        updated.tally().add(observation);
        groups.saveSlot(group.id(), updated);
        for (WindowTally tally : group.windows().values()) {
            if (tally.covers(slotStart)) {
                tally.add(observation.category(), observation);
            }
        }
    }

    private void drop(String groupId, Slot slot) {
        for (Observation signal : groups.signals(groupId, slot.start() - 1, slot.start(), Integer.MAX_VALUE)) {
            if (signal.category() == slot.category()) {
                groups.deleteSignal(groupId, slot.start(), signal);
            }
        }
        groups.saveSlot(groupId, Slot.empty(slot.start(), slot.category()));
    }

    /** The signals counted in the window's figures, in time order. */
    private List<Observation> windowSignals(String groupId, WindowStats stats) {
        return groups.signals(groupId, stats.start(), stats.end(), Integer.MAX_VALUE).stream()
                .filter(o -> stats.categories().contains(o.category()))
                .toList();
    }

    private static List<String> named(List<Observation> signals) {
        return signals.stream().filter(o -> !o.countOnly()).limit(MAX_NAMED_SIGNALS).map(Observation::signalId).toList();
    }

    private long slotOf(long timestamp) {
        return Math.floorDiv(timestamp, resolution) * resolution;
    }

    private static Observation observation(CoordinationSignal signal, long at) {
        return new Observation(signal.getSignalId(), signal.getOriginCountry(), signal.getCategory(),
                Set.copyOf(signal.getSectors()), signal.getSeverity(), at,
                signal.getLevel() == CoordinationLevel.COUNT_ONLY, signal.getAttribution(), audienceOf(signal));
    }

    /** The record's audience: member → release time ({@link Observation#AT_ONCE} when delivered at once). */
    static java.util.SortedMap<String, Long> audienceOf(CoordinationSignal signal) {
        java.util.SortedMap<String, Long> audience = new java.util.TreeMap<>();
        signal.getAudience().forEach(d -> audience.merge(d.getCountry(),
                d.getReleasedAt() == null ? Observation.AT_ONCE : d.getReleasedAt().toEpochMilli(), Math::min));
        return audience;
    }
}
