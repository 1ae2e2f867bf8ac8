package io.aegis.escalation.domain;

import io.aegis.schema.common.Tier;
import io.aegis.schema.coordination.KeyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Union-find over correlation keys, identity over likeness. Identity keys (campaign, indicator,
 * system) join and merge groups transitively for as long as a group is kept. A category × sector
 * key only expresses likeness: it links while seen within the longest window, and it never fuses
 * two incidents that each have an identity of their own. A group "has identity" when any of its
 * keys is an identity key. A signal joins every group its own non-weak keys link to (its identity
 * groups), plus the groups its category × sector keys link to that have no identity; a signal
 * without any identity key of its own (count-only, or nothing to identify it) joins, when no
 * identity group links it, the best of the likeness-linked groups that have identity as well.
 * A signal with identity keys that link nowhere, whose likeness-linked groups all have identity,
 * founds a group: a second campaign in the same category and sector is a second incident.
 * The category × sector key then points at the group the signal joined, so later reports carrying
 * only likeness join the most recent incident. {@code signal:<id>} fallback keys never give
 * identity. The surviving group is the one with the highest tier, then the oldest, then the
 * smallest id — so an escalated group (and the case keyed by its id downstream) keeps its
 * identity. After {@link #join} every key, slot and signal of every merged group is filed under
 * the survivor; {@link #joining} also says which groups were absorbed.
 */
public final class Correlator {

    private static final Comparator<GroupState> SURVIVOR = Comparator
            .comparing(GroupState::tier, Comparator.reverseOrder())
            .thenComparingLong(GroupState::createdAt)
            .thenComparing(GroupState::id);
    private static final List<KeyKind> IDENTITY = List.of(KeyKind.CAMPAIGN, KeyKind.INDICATOR, KeyKind.SYSTEM);

    private final GroupStore store;
    private final List<Duration> windows;
    private final long weakKeyHorizon;
    private final long resolution;

    /**
     * @param windows        the window lengths every group keeps a tally for; the longest is how long
     *                       a category × sector key keeps linking after it was last seen
     * @param resolution     the slot width
     */
    public Correlator(GroupStore store, Collection<Duration> windows, Duration resolution) {
        this.store = store;
        this.windows = List.copyOf(windows);
        this.weakKeyHorizon = windows.stream().max(Duration::compareTo).orElseThrow().toMillis();
        this.resolution = resolution.toMillis();
    }

    /** A group merged into the survivor: its id and the tier it had reached (what its case was opened at). */
    public record Absorbed(String id, Tier tier) {
    }

    /** The group a signal joined ({@code survivor}, not yet saved) and the groups merged into it, survivor order. */
    public record Joined(GroupState survivor, List<Absorbed> absorbed) {

        public Joined {
            absorbed = List.copyOf(absorbed);
        }

        /** The ids of the absorbed groups above {@code tier}, in survivor order. */
        public List<String> absorbedAbove(Tier tier) {
            return absorbed.stream().filter(group -> group.tier().compareTo(tier) > 0).map(Absorbed::id).toList();
        }
    }

    /** The group a signal with these keys belongs to at {@code at}, founded or merged as needed (not yet saved). */
    public GroupState join(List<String> keys, long at) {
        return joining(keys, at).survivor();
    }

    /**
     * As {@link #join}, and which groups it absorbed (with their tiers before the merge), so that the
     * caller can tell the cases of absorbed escalated groups to fold into the survivor's.
     */
    public Joined joining(List<String> keys, long at) {
        List<GroupState> groups = existing(keys, at);
        GroupState survivor = groups.isEmpty() ? GroupState.found(freshId(keys.get(0), at), at, windows) : groups.get(0);
        List<Absorbed> absorbed = new ArrayList<>();
        for (GroupState other : groups.subList(Math.min(1, groups.size()), groups.size())) {
            absorbed.add(new Absorbed(other.id(), other.tier()));
            merge(survivor, other);
        }
        for (String key : keys) {
            KeyLink link = store.link(key);
            boolean same = link != null && link.groupId().equals(survivor.id());
            store.assign(key, survivor.id(), same ? Math.max(link.lastSeen(), at) : at);
        }
        return new Joined(survivor, absorbed);
    }

    /**
     * The distinct existing groups a signal with these keys joins at {@code at} (identity over
     * likeness, see the class comment), survivor first; empty when it founds a group.
     */
    public List<GroupState> existing(List<String> keys, long at) {
        Map<String, GroupState> identified = linked(keys.stream().filter(k -> !isWeak(k)).toList(), at);
        Map<String, GroupState> joined = new LinkedHashMap<>(identified);
        List<GroupState> alikeWithIdentity = new ArrayList<>();
        for (GroupState alike : linked(keys.stream().filter(Correlator::isWeak).toList(), at).values()) {
            if (joined.containsKey(alike.id())) {
                continue;
            }
            if (hasIdentity(alike)) {
                alikeWithIdentity.add(alike);
            } else {
                joined.put(alike.id(), alike);
            }
        }
        boolean identityLess = keys.stream().noneMatch(Correlator::isIdentity);
        if (identityLess && identified.isEmpty() && !alikeWithIdentity.isEmpty()) {
            // likeness alone: the most recent incident of that kind, but never two incidents fused
            GroupState best = Collections.min(alikeWithIdentity, SURVIVOR);
            joined.put(best.id(), best);
        }
        List<GroupState> ordered = new ArrayList<>(joined.values());
        ordered.sort(SURVIVOR);
        return ordered;
    }

    /** Forgets a group: its keys, slots, signals and itself. */
    public void forget(GroupState group) {
        for (String key : store.keysOf(group.id())) {
            store.unassign(key, group.id());
        }
        for (Observation signal : store.signals(group.id(), Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE)) {
            store.deleteSignal(group.id(), slotOf(signal.timestamp()), signal);
        }
        for (Slot slot : store.slots(group.id(), Long.MIN_VALUE, Long.MAX_VALUE)) {
            store.saveSlot(group.id(), Slot.empty(slot.start(), slot.category()));
        }
        store.delete(group.id());
    }

    /** The distinct groups these keys link to at {@code at}, in key order (stale category × sector links left out). */
    private Map<String, GroupState> linked(List<String> keys, long at) {
        Map<String, GroupState> groups = new LinkedHashMap<>();
        for (String key : keys) {
            KeyLink link = store.link(key);
            if (link == null || groups.containsKey(link.groupId()) || stale(key, link, at)) {
                continue;
            }
            GroupState group = store.load(link.groupId());
            if (group != null) {
                groups.put(link.groupId(), group);
            }
        }
        return groups;
    }

    private boolean hasIdentity(GroupState group) {
        return store.keysOf(group.id()).stream().anyMatch(Correlator::isIdentity);
    }

    private static boolean isIdentity(String key) {
        return IDENTITY.stream().anyMatch(kind -> key.startsWith(kind.prefix()));
    }

    private static boolean isWeak(String key) {
        return key.startsWith(KeyKind.CATEGORY_SECTOR.prefix());
    }

    private boolean stale(String key, KeyLink link, long at) {
        return isWeak(key) && link.lastSeen() <= at - weakKeyHorizon;
    }

    /**
     * The founding key, or the key stamped with the founding time when that id may already have
     * been announced: a kept group has it, or the key still links to the group that absorbed the
     * group of that id (a merged-away id must not be announced again from NOTICE).
     */
    private String freshId(String foundingKey, long at) {
        boolean taken = store.load(foundingKey) != null || store.link(foundingKey) != null;
        return taken ? foundingKey + "@" + Instant.ofEpochMilli(at) : foundingKey;
    }

    /** Moves the absorbed group's signals, slots and keys under the survivor, then re-tallies its windows. */
    private void merge(GroupState survivor, GroupState absorbed) {
        for (Observation signal : store.signals(absorbed.id(), Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE)) {
            long slotStart = slotOf(signal.timestamp());
            store.deleteSignal(absorbed.id(), slotStart, signal);
            store.saveSignal(survivor.id(), slotStart, signal);
        }
        for (Slot slot : store.slots(absorbed.id(), Long.MIN_VALUE, Long.MAX_VALUE)) {
            Slot mine = store.slot(survivor.id(), slot.start(), slot.category());
            Slot merged = mine == null ? Slot.empty(slot.start(), slot.category()) : mine;
            merged.tally().add(slot.tally());
            store.saveSlot(survivor.id(), merged);
            store.saveSlot(absorbed.id(), Slot.empty(slot.start(), slot.category()));
        }
        survivor.absorb(absorbed);
        for (long length : List.copyOf(survivor.windows().keySet())) {
            long boundary = survivor.windows().get(length).boundary();
            WindowTally tally = new WindowTally(boundary, Map.of());
            store.slots(survivor.id(), boundary, Long.MAX_VALUE).forEach(tally::add);
            survivor.replaceWindow(Duration.ofMillis(length), tally);
        }
        for (String key : store.keysOf(absorbed.id())) {
            KeyLink link = store.link(key);
            store.unassign(key, absorbed.id());
            if (link != null && link.groupId().equals(absorbed.id())) {
                store.assign(key, survivor.id(), link.lastSeen());
            }
        }
        store.delete(absorbed.id());
    }

    private long slotOf(long timestamp) {
        return Math.floorDiv(timestamp, resolution) * resolution;
    }
}
