package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.List;

/**
 * Where correlation groups live: the key → group index and its reverse, the group headers, each
 * group's slots and signals as separate entries (so no single entry grows with traffic), and the
 * signal → group index. Kafka Streams stores in the service, sorted maps in unit tests.
 * Invariant: the signal index names exactly the groups holding each signal — {@link #saveSignal}
 * and {@link #deleteSignal} keep it, so every path that moves or drops signals keeps it exact.
 */
public interface GroupStore {

    /** Where {@code key} points, or null when it belongs to no group. */
    KeyLink link(String key);

    /** Points {@code key} at {@code groupId}, last seen at {@code lastSeen}, and records the key under the group. */
    void assign(String key, String groupId, long lastSeen);

    /** Removes {@code key} from {@code groupId}'s keys, and from the index if it points there. */
    void unassign(String key, String groupId);

    /** Every key recorded under {@code groupId}. */
    List<String> keysOf(String groupId);

    /** The group with this id, or null. */
    GroupState load(String groupId);

    void save(GroupState group);

    void delete(String groupId);

    /** The slot of a group, or null. */
    Slot slot(String groupId, long start, Category category);

    /** Stores a slot; an empty slot is removed. */
    void saveSlot(String groupId, Slot slot);

    /** The group's slots starting in {@code (after, upTo]}, in time order. */
    List<Slot> slots(String groupId, long after, long upTo);

    /** Whether the signal is counted in that slot of the group. */
    boolean hasSignal(String groupId, long slotStart, Category category, String signalId);

    /** Stores the signal in that slot of the group, and indexes it under the group. */
    void saveSignal(String groupId, long slotStart, Observation signal);

    /** Removes the signal from that slot of the group, and that entry from the signal index. */
    void deleteSignal(String groupId, long slotStart, Observation signal);

    /**
     * The ids of the groups holding {@code signalId}, in id order (one, unless the same id was counted
     * again in another slot or group); empty when no group holds it — or when it was stored before the
     * signal index existed and has not been saved since.
     */
    List<String> groupsOfSignal(String signalId);

    /** Up to {@code limit} of the group's signals in slots starting in {@code (after, upTo]}, in time order. */
    List<Observation> signals(String groupId, long after, long upTo, int limit);

    /** Ids of groups whose last signal is before {@code lastSeenBefore}. */
    List<String> idleGroups(long lastSeenBefore);
}
