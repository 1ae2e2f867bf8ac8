package io.aegis.escalation.domain;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Coordination records for a signal the engine already holds: a retraction takes it out of the
 * figures, a downgrade narrows who may know it. Neither is ever counted again, whatever its time.
 * Facts only ever narrow: a downgrade keeps a country only if both the stored and the new record
 * name it (at the later release time) and the stricter attribution. When the group has escalated
 * (above NOTICE) the change is announced as a disclosure update at the group's current tier, so
 * that its case stops naming the signal to members who lost it.
 */
final class SignalUpdates {

    /** A held signal and the group holding it. */
    record Held(GroupState group, Observation observation) {
    }

    private final GroupStore groups;
    private final long resolution;

    SignalUpdates(GroupStore groups, long resolution) {
        this.groups = groups;
        this.resolution = resolution;
    }

    /**
     * The group holding {@code signalId}, from the signal → group index: found wherever the signal's
     * keys point now (a count-only signal's category × sector key may have moved on to a later
     * incident). Only when the index names no group are the groups its keys link to searched (stale
     * category × sector links included): a signal counted before the index existed (state of the
     * previous release, not moved or narrowed since) has no index entry. A signal held by no group
     * (retracted, expired, its group retired or forgotten) is found by neither, so a change of it is dropped.
     */
    Optional<Held> find(String signalId, List<String> keys) {
        List<String> indexed = groups.groupsOfSignal(signalId);
        for (String groupId : indexed.isEmpty() ? linkedGroups(keys) : indexed) {
            GroupState group = groups.load(groupId);
            if (group == null) {
                continue;
            }
            Optional<Observation> found = groups.signals(groupId, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE)
                    .stream().filter(o -> o.signalId().equals(signalId)).findFirst();
            if (found.isPresent()) {
                return Optional.of(new Held(group, found.get()));
            }
        }
        return Optional.empty();
    }

    /** The distinct groups these keys link to, stale links included (the fallback for state without index entries). */
    private Set<String> linkedGroups(List<String> keys) {
        Set<String> groupIds = new LinkedHashSet<>();
        for (String key : keys) {
            KeyLink link = groups.link(key);
            if (link != null) {
                groupIds.add(link.groupId());
            }
        }
        return groupIds;
    }

    /** Takes the signal out of its group's figures; announces it (named to nobody but its origin) when escalated. */
    Optional<Escalation> retract(Held held, long at) {
        GroupState group = held.group();
        Observation o = held.observation();
        long slotStart = slotOf(o.timestamp());
        groups.deleteSignal(group.id(), slotStart, o);
        Slot slot = groups.slot(group.id(), slotStart, o.category());
        if (slot != null) {
            slot.tally().remove(o);
            groups.saveSlot(group.id(), slot);
        }
        group.windows().values().stream().filter(t -> t.covers(slotStart)).forEach(t -> t.remove(o.category(), o));
        groups.save(group);
        Observation gone = withFacts(o, Attribution.ANONYMOUS, new TreeMap<>());
        return announce(group, gone, "retracted by its origin", at);
    }

    /** Narrows the stored facts to those of the downgrade record; counts stay as they are. */
    Optional<Escalation> narrow(Held held, CoordinationSignal signal, long at) {
        Observation o = held.observation();
        SortedMap<String, Long> audience = intersect(o.audience(), EscalationEngine.audienceOf(signal));
        Attribution attribution = signal.getAttribution().ordinal() > o.attribution().ordinal()
                ? signal.getAttribution() : o.attribution();
        if (audience.equals(o.audience()) && attribution == o.attribution()) {
            return Optional.empty();
        }
        Observation narrowed = withFacts(o, attribution, audience);
        groups.saveSignal(held.group().id(), slotOf(o.timestamp()), narrowed);
        return announce(held.group(), narrowed, "downgraded by its origin", at);
    }

    /** Countries in both, each at the later of its two release times ({@link Observation#AT_ONCE} is the earliest). */
    static SortedMap<String, Long> intersect(Map<String, Long> before, Map<String, Long> after) {
        SortedMap<String, Long> kept = new TreeMap<>();
        before.forEach((country, releasedAt) -> {
            Long now = after.get(country);
            if (now != null) {
                kept.put(country, Math.max(releasedAt, now));
            }
        });
        return kept;
    }

    private Optional<Escalation> announce(GroupState group, Observation changed, String what, long at) {
        if (group.tier().compareTo(Tier.NOTICE) <= 0) {
            return Optional.empty();
        }
        return Optional.of(Escalations.disclosureUpdate(group, Disclosures.of(changed), what, at));
    }

    private static Observation withFacts(Observation o, Attribution attribution, SortedMap<String, Long> audience) {
        return new Observation(o.signalId(), o.country(), o.category(), o.criticalSectors(), o.severity(), o.timestamp(),
                o.countOnly(), attribution, audience);
    }

    private long slotOf(long timestamp) {
        return Math.floorDiv(timestamp, resolution) * resolution;
    }
}
