package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Union-find over correlation keys: signals sharing any key belong to one group, and a signal
 * whose keys point to several groups merges them. The surviving group is the one with the
 * highest tier, then the oldest, then the smallest id — so an escalated group (and the case
 * keyed by its id downstream) keeps its identity. After {@link #join} every key of the signal
 * and of every merged group points to the survivor, and the merged groups' slot signals are
 * filed under it.
 */
public final class Correlator {

    private static final Comparator<GroupState> SURVIVOR = Comparator
            .comparing(GroupState::tier, Comparator.reverseOrder())
            .thenComparingLong(GroupState::createdAt)
            .thenComparing(GroupState::id);

    private final GroupStore store;

    public Correlator(GroupStore store) {
        this.store = store;
    }

    /** The group a signal with these keys belongs to, founded or merged as needed (not yet saved). */
    public GroupState join(List<String> keys, long at) {
        List<GroupState> groups = existing(keys);
        GroupState survivor = groups.isEmpty() ? GroupState.found(keys.get(0), at) : groups.get(0);
        for (GroupState absorbed : groups.subList(Math.min(1, groups.size()), groups.size())) {
            merge(survivor, absorbed);
        }
        for (String key : keys) {
            if (!survivor.id().equals(store.groupOf(key))) {
                store.assign(key, survivor.id());
            }
        }
        return survivor;
    }

    /** The distinct existing groups any of {@code keys} points to, survivor first. */
    public List<GroupState> existing(List<String> keys) {
        Map<String, GroupState> groups = new LinkedHashMap<>();
        for (String key : keys) {
            String groupId = store.groupOf(key);
            if (groupId != null && !groups.containsKey(groupId)) {
                GroupState group = store.load(groupId);
                if (group != null) {
                    groups.put(groupId, group);
                }
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

    private void merge(GroupState survivor, GroupState absorbed) {
        for (Slot slot : absorbed.slots()) {
            moveSignals(absorbed.id(), survivor.id(), slot.start(), slot.category());
        }
        survivor.absorb(absorbed);
        for (String key : store.keysOf(absorbed.id())) {
            store.unassign(key, absorbed.id());
            store.assign(key, survivor.id());
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
