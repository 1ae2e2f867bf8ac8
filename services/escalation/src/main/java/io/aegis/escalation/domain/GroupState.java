package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Tier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A correlation group: its id (the key that founded it), the highest tier it has reached and
 * the per-slot aggregates of its signals still inside the longest window. Its keys and signal
 * ids live beside it in the {@link GroupStore}, so its size does not grow with its traffic.
 * Invariant: the tier never falls — {@link #raiseTo} refuses anything but a higher tier.
 */
public final class GroupState {

    private static final Comparator<SlotKey> ORDER =
            Comparator.comparingLong(SlotKey::start).thenComparing(SlotKey::category);

    private final String id;
    private final long createdAt;
    private long lastSeen;
    private Tier tier;
    private final TreeMap<SlotKey, Slot> slots = new TreeMap<>(ORDER);

    public GroupState(String id, long createdAt, long lastSeen, Tier tier, Collection<Slot> slots) {
        this.id = Objects.requireNonNull(id, "id");
        this.createdAt = createdAt;
        this.lastSeen = lastSeen;
        this.tier = Objects.requireNonNull(tier, "tier");
        slots.forEach(s -> this.slots.put(new SlotKey(s.start(), s.category()), s));
    }

    /** A new, empty group founded by key {@code id} at {@code at}, at NOTICE. */
    public static GroupState found(String id, long at) {
        return new GroupState(id, at, at, Tier.NOTICE, List.of());
    }

    public String id() {
        return id;
    }

    public long createdAt() {
        return createdAt;
    }

    public long lastSeen() {
        return lastSeen;
    }

    public Tier tier() {
        return tier;
    }

    /** The slots in time order. */
    public Collection<Slot> slots() {
        return Collections.unmodifiableCollection(slots.values());
    }

    /** Counts an observation in the slot starting at {@code slotStart}. */
    public void observe(Observation observation, long slotStart) {
        slots.computeIfAbsent(new SlotKey(slotStart, observation.category()),
                k -> Slot.empty(slotStart, observation.category())).add(observation);
        lastSeen = Math.max(lastSeen, observation.timestamp());
    }

    /** Takes back an observation counted in the slot starting at {@code slotStart}. */
    public void retract(Observation observation, long slotStart) {
        SlotKey key = new SlotKey(slotStart, observation.category());
        Slot slot = slots.get(key);
        if (slot != null) {
            slot.remove(observation);
            if (slot.isEmpty()) {
                slots.remove(key);
            }
        }
    }

    /** Removes and returns the slots that start before {@code cutoff}: they are outside every window. */
    public List<Slot> pruneBefore(long cutoff) {
        List<Slot> removed = new ArrayList<>();
        slots.values().removeIf(s -> s.start() < cutoff && removed.add(s));
        return removed;
    }

    /** Takes in another group's slots and tier (the higher tier wins). */
    public void absorb(GroupState other) {
        other.slots.forEach((key, slot) -> slots.merge(key, slot, (mine, theirs) -> {
            mine.addAll(theirs);
            return mine;
        }));
        lastSeen = Math.max(lastSeen, other.lastSeen);
        if (other.tier.compareTo(tier) > 0) {
            tier = other.tier;
        }
    }

    /** Raises the tier; returns the tier before. Refuses to lower it or to repeat it. */
    public Tier raiseTo(Tier higher) {
        if (higher.compareTo(tier) <= 0) {
            throw new IllegalArgumentException("group " + id + " is at " + tier + "; cannot raise to " + higher);
        }
        Tier before = tier;
        tier = higher;
        return before;
    }

    private record SlotKey(long start, Category category) {
    }
}
