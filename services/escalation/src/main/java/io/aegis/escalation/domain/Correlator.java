package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * {@link #join} every key of the signal and of every merged group points to the survivor.
 */
public final class Correlator {

    private static final Comparator<GroupState> SURVIVOR = Comparator
            .comparing(GroupState::tier, Comparator.reverseOrder())
            .thenComparingLong(GroupState::createdAt)
            .thenComparing(GroupState::id);

    private final GroupStore store;
    private final long weakKeyHorizon;

    /** @param weakKeyHorizon how long a category × sector key keeps linking after it was last seen */
    public Correlator(GroupStore store, Duration weakKeyHorizon) {
        this.store = store;
        this.weakKeyHorizon = weakKeyHorizon.toMillis();
    }

    /** The group a signal with these keys belongs to at {@code at}, founded or merged as needed (not yet saved). */
    public GroupState join(List<String> keys, long at) {
        List<GroupState> groups = existing(keys, at);
        GroupState survivor = groups.isEmpty() ? GroupState.found(freshId(keys.get(0), at), at) : groups.get(0);
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

    /** Forgets a group: its keys, its slot signals and itself. */
    public void forget(GroupState group) {
        for (String key : store.keysOf(group.id())) {
            store.unassign(key, group.id());
        }
        group.slots().forEach(slot ->
                store.saveSignals(group.id(), slot.start(), slot.category(), List.of()));
        store.delete(group.id());
    }

    private boolean stale(String key, KeyLink link, long at) {
        return key.startsWith(KeyKind.CATEGORY_SECTOR.prefix()) && link.lastSeen() <= at - weakKeyHorizon;
    }

    /** The founding key, or — when a kept group already has that id — the key stamped with the founding time. */
    private String freshId(String foundingKey, long at) {
        return store.load(foundingKey) == null ? foundingKey : foundingKey + "@" + Instant.ofEpochMilli(at);
    }

    private void merge(GroupState survivor, GroupState absorbed) {
        for (Slot slot : absorbed.slots()) {
            moveSignals(absorbed.id(), survivor.id(), slot.start(), slot.category());
        }
        survivor.absorb(absorbed);
        for (String key : store.keysOf(absorbed.id())) {
            KeyLink link = store.link(key);
            store.unassign(key, absorbed.id());
            if (link != null && link.groupId().equals(absorbed.id())) {
                store.assign(key, survivor.id(), link.lastSeen());
            }
        }
        store.delete(absorbed.id());
    }

    private void moveSignals(String from, String to, long slotStart, Category category) {
        List<Observation> moved = new ArrayList<>(store.signals(to, slotStart, category));
        moved.addAll(store.signals(from, slotStart, category));
        store.saveSignals(to, slotStart, category, moved);
        store.saveSignals(from, slotStart, category, List.of());
    }
}
