package io.aegis.escalation.topology;

import io.aegis.escalation.domain.GroupState;
import io.aegis.escalation.domain.GroupStore;
import io.aegis.escalation.domain.KeyLink;
import io.aegis.escalation.domain.Observation;
import io.aegis.schema.common.Category;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link GroupStore} over the topology's key-value stores. The key index holds
 * {@code "<lastSeen> <groupId>"} per key. The reverse index and the slot
 * signals use composite keys {@code groupId NUL key} and {@code groupId NUL slot NUL category},
 * so a group's entries are found with one prefix scan.
 */
final class StreamsGroupStore implements GroupStore {

    private static final char SEP = '\u0000';
    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, String> keyIndex;
    private final KeyValueStore<String, String> groupKeys;
    private final KeyValueStore<String, GroupState> groups;
    private final KeyValueStore<String, List<Observation>> slotSignals;

    StreamsGroupStore(KeyValueStore<String, String> keyIndex, KeyValueStore<String, String> groupKeys,
                      KeyValueStore<String, GroupState> groups, KeyValueStore<String, List<Observation>> slotSignals) {
        this.keyIndex = keyIndex;
        this.groupKeys = groupKeys;
        this.groups = groups;
        this.slotSignals = slotSignals;
    }

    @Override
    public KeyLink link(String key) {
        String value = keyIndex.get(key);
        if (value == null) {
            return null;
        }
        int space = value.indexOf(' ');
        return new KeyLink(value.substring(space + 1), Long.parseLong(value.substring(0, space)));
    }

    @Override
    public void assign(String key, String groupId, long lastSeen) {
        keyIndex.put(key, lastSeen + " " + groupId);
        groupKeys.put(groupId + SEP + key, "");
    }

    @Override
    public void unassign(String key, String groupId) {
        KeyLink link = link(key);
        if (link != null && groupId.equals(link.groupId())) {
            keyIndex.delete(key);
        }
        groupKeys.delete(groupId + SEP + key);
    }

    @Override
    public List<String> keysOf(String groupId) {
        String prefix = groupId + SEP;
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> it = groupKeys.prefixScan(prefix, PREFIX_SERIALIZER)) {
            it.forEachRemaining(entry -> keys.add(entry.key.substring(prefix.length())));
        }
        return keys;
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
        groups.delete(groupId);
    }

    @Override
    public List<Observation> signals(String groupId, long slotStart, Category category) {
        List<Observation> signals = slotSignals.get(slotKey(groupId, slotStart, category));
        return signals == null ? List.of() : signals;
    }

    @Override
    public void saveSignals(String groupId, long slotStart, Category category, List<Observation> signals) {
        String key = slotKey(groupId, slotStart, category);
        if (signals.isEmpty()) {
            slotSignals.delete(key);
        } else {
            slotSignals.put(key, List.copyOf(signals));
        }
    }

    @Override
    public List<String> idleGroups(long lastSeenBefore) {
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, GroupState> it = groups.all()) {
            while (it.hasNext()) {
                KeyValue<String, GroupState> entry = it.next();
                if (entry.value.lastSeen() < lastSeenBefore) {
                    idle.add(entry.key);
                }
            }
        }
        return idle;
    }

    private static String slotKey(String groupId, long slotStart, Category category) {
        return groupId + SEP + String.format("%016x", slotStart) + SEP + category.name();
    }
}
