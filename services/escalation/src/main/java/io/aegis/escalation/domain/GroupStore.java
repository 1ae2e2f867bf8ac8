package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.List;

/**
 * Where correlation groups live: the key → group index and its reverse, the groups' aggregates,
 * and the signals of each slot (Kafka Streams stores in the service, maps in unit tests).
 */
public interface GroupStore {

    /** Where {@code key} points, or null when it belongs to no group. */
    KeyLink link(String key);

    /** Points {@code key} at {@code groupId}, last seen at {@code lastSeen}, and records the key under the group. */
    void assign(String key, String groupId, long lastSeen);

    /** Removes {@code key} from the index and from {@code groupId}'s keys. */
    void unassign(String key, String groupId);

    /** Every key recorded under {@code groupId}. */
    List<String> keysOf(String groupId);

    /** The group with this id, or null. */
    GroupState load(String groupId);

    void save(GroupState group);

    void delete(String groupId);

    /** The signals counted in one slot of a group (empty when none). */
    List<Observation> signals(String groupId, long slotStart, Category category);

    /** Replaces the signals of one slot of a group; an empty list removes the entry. */
    void saveSignals(String groupId, long slotStart, Category category, List<Observation> signals);

    /** Ids of groups whose last signal is before {@code lastSeenBefore}. */
    List<String> idleGroups(long lastSeenBefore);
}
