package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link GroupStore} on plain maps, for unit tests of the domain. */
final class InMemoryGroupStore implements GroupStore {

    final Map<String, KeyLink> index = new HashMap<>();
    final Map<String, Set<String>> keysByGroup = new HashMap<>();
    final Map<String, GroupState> groups = new HashMap<>();
    final Map<String, List<Observation>> slotSignals = new HashMap<>();

    @Override
    public KeyLink link(String key) {
        return index.get(key);
    }

    @Override
    public void assign(String key, String groupId, long lastSeen) {
        index.put(key, new KeyLink(groupId, lastSeen));
        keysByGroup.computeIfAbsent(groupId, g -> new LinkedHashSet<>()).add(key);
    }

    @Override
    public void unassign(String key, String groupId) {
        if (index.containsKey(key) && index.get(key).groupId().equals(groupId)) {
            index.remove(key);
        }
        Set<String> keys = keysByGroup.get(groupId);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                keysByGroup.remove(groupId);
            }
        }
    }

    @Override
    public List<String> keysOf(String groupId) {
        return new ArrayList<>(keysByGroup.getOrDefault(groupId, Set.of()));
    }

    @Override
    public GroupState load(String groupId) {
        return groups.get(groupId);
    }

    @Override
    public void save(GroupState group) {
        groups.put(group.id(), group);
    }

    @Override
    public void delete(String groupId) {
        groups.remove(groupId);
    }

    @Override
    public List<Observation> signals(String groupId, long slotStart, Category category) {
        return slotSignals.getOrDefault(groupId + "/" + slotStart + "/" + category, List.of());
    }

    @Override
    public void saveSignals(String groupId, long slotStart, Category category, List<Observation> signals) {
        String key = groupId + "/" + slotStart + "/" + category;
        if (signals.isEmpty()) {
            slotSignals.remove(key);
        } else {
            slotSignals.put(key, List.copyOf(signals));
        }
    }

    @Override
    public List<String> idleGroups(long lastSeenBefore) {
        return groups.values().stream().filter(g -> g.lastSeen() < lastSeenBefore).map(GroupState::id).toList();
    }
}
