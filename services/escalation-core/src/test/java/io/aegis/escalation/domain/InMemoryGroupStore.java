package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link GroupStore} on plain (sorted) maps, for unit tests of the domain. */
final class InMemoryGroupStore implements GroupStore {

    final Map<String, KeyLink> index = new HashMap<>();
    final Map<String, Set<String>> keysByGroup = new HashMap<>();
    final Map<String, GroupState> groups = new HashMap<>();
    final Map<String, NavigableMap<String, Slot>> slots = new HashMap<>();
    final Map<String, NavigableMap<String, Observation>> signals = new HashMap<>();
    /** Signal id → the places (group NUL slot NUL category) holding it, as the service's signal index. */
    final Map<String, NavigableSet<String>> signalIndex = new HashMap<>();

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
    public Slot slot(String groupId, long start, Category category) {
        return slots.getOrDefault(groupId, new TreeMap<>()).get(key(start, category));
    }

    @Override
    public void saveSlot(String groupId, Slot slot) {
        NavigableMap<String, Slot> mine = slots.computeIfAbsent(groupId, g -> new TreeMap<>());
        if (slot.tally().isEmpty()) {
            mine.remove(key(slot.start(), slot.category()));
        } else {
            mine.put(key(slot.start(), slot.category()), slot);
        }
        if (mine.isEmpty()) {
            slots.remove(groupId);
        }
    }

    @Override
    public List<Slot> slots(String groupId, long after, long upTo) {
        return range(slots.get(groupId), after, upTo, Integer.MAX_VALUE);
    }

    @Override
    public boolean hasSignal(String groupId, long slotStart, Category category, String signalId) {
        return signals.getOrDefault(groupId, new TreeMap<>()).containsKey(key(slotStart, category) + "/" + signalId);
    }

    @Override
    public void saveSignal(String groupId, long slotStart, Observation signal) {
        signals.computeIfAbsent(groupId, g -> new TreeMap<>())
                .put(key(slotStart, signal.category()) + "/" + signal.signalId(), signal);
        signalIndex.computeIfAbsent(signal.signalId(), id -> new TreeSet<>()).add(place(groupId, slotStart, signal));
    }

    @Override
    public void deleteSignal(String groupId, long slotStart, Observation signal) {
        NavigableMap<String, Observation> mine = signals.get(groupId);
        if (mine != null) {
            mine.remove(key(slotStart, signal.category()) + "/" + signal.signalId());
            if (mine.isEmpty()) {
                signals.remove(groupId);
            }
        }
        NavigableSet<String> places = signalIndex.get(signal.signalId());
        if (places != null) {
            places.remove(place(groupId, slotStart, signal));
            if (places.isEmpty()) {
                signalIndex.remove(signal.signalId());
            }
        }
    }

    @Override
    public List<String> groupsOfSignal(String signalId) {
        return signalIndex.getOrDefault(signalId, new TreeSet<>()).stream()
                .map(place -> place.substring(0, place.indexOf('\u0000'))).distinct().toList();
    }

    @Override
    public List<Observation> signals(String groupId, long after, long upTo, int limit) {
        return range(signals.get(groupId), after, upTo, limit);
    }

    @Override
    public List<String> idleGroups(long lastSeenBefore) {
        return groups.values().stream().filter(g -> g.lastSeen() < lastSeenBefore).map(GroupState::id).toList();
    }

    private static <V> List<V> range(NavigableMap<String, V> map, long after, long upTo, int limit) {
        long from = Math.max(after, -1L) + 1;
        if (map == null || upTo < from) {
            return List.of();
        }
        return map.subMap(hex(from), true, hex(upTo) + "\u0001", false)
                .values().stream().limit(limit).toList();
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }

    private static String place(String groupId, long slotStart, Observation signal) {
        return groupId + "\u0000" + key(slotStart, signal.category());
    }

    private static String key(long start, Category category) {
        return hex(start) + "\u0000" + category;
    }
}
