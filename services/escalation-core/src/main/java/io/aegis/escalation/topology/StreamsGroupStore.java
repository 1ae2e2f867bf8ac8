package io.aegis.escalation.topology;

import io.aegis.escalation.domain.GroupState;
import io.aegis.escalation.domain.GroupStore;
import io.aegis.escalation.domain.KeyLink;
import io.aegis.escalation.domain.Observation;
import io.aegis.escalation.domain.Slot;
import io.aegis.schema.common.Category;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link GroupStore} over the topology's key-value stores. The key index holds
 * {@code "<lastSeen> <groupId>"} per key; the reverse index, slots and signals use composite keys
 * {@code groupId NUL key}, {@code groupId NUL slot NUL category} and
 * {@code groupId NUL slot NUL category NUL signalId} (slot as 16 hex digits), so a group's entries
 * for a time range are one ordered range scan. The signal index holds the group id under
 * {@code signalId NUL groupId NUL slot NUL category}, one entry per stored signal, so the groups
 * holding a signal are one prefix scan and a signal stored twice (another slot or group) keeps an
 * entry for each place.
 */
final class StreamsGroupStore implements GroupStore {

    private static final char SEP = '\u0000';
    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, String> keyIndex;
    private final KeyValueStore<String, String> groupKeys;
    private final KeyValueStore<String, GroupState> groups;
    private final KeyValueStore<String, Slot> slots;
    private final KeyValueStore<String, Observation> signals;
    private final KeyValueStore<String, String> signalIndex;

    StreamsGroupStore(KeyValueStore<String, String> keyIndex, KeyValueStore<String, String> groupKeys,
                      KeyValueStore<String, GroupState> groups, KeyValueStore<String, Slot> slots,
                      KeyValueStore<String, Observation> signals, KeyValueStore<String, String> signalIndex) {
        this.keyIndex = keyIndex;
        this.groupKeys = groupKeys;
        this.groups = groups;
        this.slots = slots;
        this.signals = signals;
        this.signalIndex = signalIndex;
    }

    /** Over the topology's stores, as a processor connected to them sees them. */
    static StreamsGroupStore of(org.apache.kafka.streams.processor.api.ProcessorContext<?, ?> context) {
        return new StreamsGroupStore(
                context.getStateStore(EscalationTopology.KEY_INDEX_STORE),
                context.getStateStore(EscalationTopology.GROUP_KEYS_STORE),
                context.getStateStore(EscalationTopology.GROUPS_STORE),
                context.getStateStore(EscalationTopology.SLOTS_STORE),
                context.getStateStore(EscalationTopology.SIGNALS_STORE),
                context.getStateStore(EscalationTopology.SIGNAL_INDEX_STORE));
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
    public Slot slot(String groupId, long start, Category category) {
        return slots.get(slotKey(groupId, start, category));
    }

    @Override
    public void saveSlot(String groupId, Slot slot) {
        String key = slotKey(groupId, slot.start(), slot.category());
        if (slot.tally().isEmpty()) {
            slots.delete(key);
        } else {
            slots.put(key, slot);
        }
    }

    @Override
    public List<Slot> slots(String groupId, long after, long upTo) {
        return scan(slots, groupId, after, upTo, Integer.MAX_VALUE);
    }

    @Override
    public boolean hasSignal(String groupId, long slotStart, Category category, String signalId) {
        return signals.get(slotKey(groupId, slotStart, category) + SEP + signalId) != null;
    }

    @Override
    public void saveSignal(String groupId, long slotStart, Observation signal) {
        signals.put(slotKey(groupId, slotStart, signal.category()) + SEP + signal.signalId(), signal);
        signalIndex.put(signal.signalId() + SEP + slotKey(groupId, slotStart, signal.category()), groupId);
    }

    @Override
    public void deleteSignal(String groupId, long slotStart, Observation signal) {
        signals.delete(slotKey(groupId, slotStart, signal.category()) + SEP + signal.signalId());
        signalIndex.delete(signal.signalId() + SEP + slotKey(groupId, slotStart, signal.category()));
    }

    @Override
    public List<String> groupsOfSignal(String signalId) {
        Set<String> groupIds = new LinkedHashSet<>();
        try (KeyValueIterator<String, String> it = signalIndex.prefixScan(signalId + SEP, PREFIX_SERIALIZER)) {
            it.forEachRemaining(entry -> groupIds.add(entry.value));
        }
        return List.copyOf(groupIds);
    }

    @Override
    public List<Observation> signals(String groupId, long after, long upTo, int limit) {
        return scan(signals, groupId, after, upTo, limit);
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

    private static <V> List<V> scan(KeyValueStore<String, V> store, String groupId, long after, long upTo, int limit) {
        long from = Math.max(after, -1L) + 1;
        List<V> values = new ArrayList<>();
        if (upTo < from) {
            return values;
        }
        try (KeyValueIterator<String, V> it = store.range(groupId + SEP + hex(from), groupId + SEP + hex(upTo) + '\u0001')) {
            while (it.hasNext() && values.size() < limit) {
                values.add(it.next().value);
            }
        }
        return values;
    }

    private static String slotKey(String groupId, long start, Category category) {
        return groupId + SEP + hex(start) + SEP + category.name();
    }

    /** 16 lower-case hex digits, zero-padded, so that string order is time order for non-negative times. */
    static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
