package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.List;

/**
 * Where correlation groups live: the key → group index and its reverse, the group headers, and
 * each group's slots and signals as separate entries (so no single entry grows with traffic).
 * Kafka Streams stores in the service, sorted maps in unit tests.
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

    void saveSignal(String groupId, long slotStart, Observation signal);

    void deleteSignal(String groupId, long slotStart, Observation signal);

    /** Up to {@code limit} of the group's signals in slots starting in {@code (after, upTo]}, in time order. */
    List<Observation> signals(String groupId, long after, long upTo, int limit);

    /** Ids of groups whose last signal is before {@code lastSeenBefore}. */
    List<String> idleGroups(long lastSeenBefore);
}
