package io.aegis.escalation.domain;

import io.aegis.schema.coordination.KeyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Union-find over correlation keys: signals sharing a key belong to one group, and a signal whose
 * keys point to several groups merges them. Identity keys (campaign, indicator, system) link for
 * as long as the group is kept; a category × sector key only links while it was seen within the
 * longest window, so unrelated threats of one category and sector weeks apart do not fuse.
 * The surviving group is the one with the highest tier, then the oldest, then the smallest id —
 * so an escalated group (and the case keyed by its id downstream) keeps its identity. After
 * {@link #join} every key, slot and signal of every merged group is filed under the survivor.
 */
public final class Correlator {

    private static final Comparator<GroupState> SURVIVOR = Comparator
            .comparing(GroupState::tier, Comparator.reverseOrder())
            .thenComparingLong(GroupState::createdAt)
            .thenComparing(GroupState::id);

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

    /** The group a signal with these keys belongs to at {@code at}, founded or merged as needed (not yet saved). */
    public GroupState join(List<String> keys, long at) {
        List<GroupState> groups = existing(keys, at);
        GroupState survivor = groups.isEmpty() ? GroupState.found(freshId(keys.get(0), at), at, windows) : groups.get(0);
        for (GroupState absorbed : groups.subList(Math.min(1, groups.size()), groups.size())) {
            merge(survivor, absorbed);
        }
        for (String key : keys) {
            KeyLink link = store.link(key);
            boolean same = link != null && link.groupId().equals(survivor.id());
            store.assign(key, survivor.id(), same ? Math.max(link.lastSeen(), at) : at);
        }
        return survivor;
    }

    /** The distinct groups the keys link to at {@code at}, survivor first. */
    public List<GroupState> existing(List<String> keys, long at) {
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
        List<GroupState> ordered = new ArrayList<>(groups.values());
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

    private boolean stale(String key, KeyLink link, long at) {
        return key.startsWith(KeyKind.CATEGORY_SECTOR.prefix()) && link.lastSeen() <= at - weakKeyHorizon;
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
            WindowTally tally = new WindowTally(boundary, java.util.Map.of());
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
