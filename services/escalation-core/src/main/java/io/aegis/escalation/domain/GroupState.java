package io.aegis.escalation.domain;

import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A correlation group's header: its id (the key that founded it), the highest tier it has reached,
 * when it was last seen, and its running tally per window. Its keys, slots and signals live beside
 * it in the {@link GroupStore}, so its size does not grow with its traffic.
 * Invariant: the tier never falls — {@link #raiseTo} refuses anything but a higher tier.
 */
public final class GroupState {

    private final String id;
    private final long createdAt;
    private long lastSeen;
    private Tier tier;
    private final Map<Long, WindowTally> windows;

    public GroupState(String id, long createdAt, long lastSeen, Tier tier, Map<Long, WindowTally> windows) {
        this.id = Objects.requireNonNull(id, "id");
        this.createdAt = createdAt;
        this.lastSeen = lastSeen;
        this.tier = Objects.requireNonNull(tier, "tier");
        this.windows = new TreeMap<>(windows);
    }

    /** A new group founded by key {@code id} at {@code at}, at NOTICE, with an empty tally per window. */
    public static GroupState found(String id, long at, Collection<Duration> windowLengths) {
        GroupState group = new GroupState(id, at, at, Tier.NOTICE, Map.of());
        windowLengths.forEach(group::window);
        return group;
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

    /** Window length in millis → its running tally. */
    public Map<Long, WindowTally> windows() {
        return Collections.unmodifiableMap(windows);
    }

    /** The tally of the window of this length (a window new to the group starts empty at its last signal). */
    public WindowTally window(Duration length) {
        return windows.computeIfAbsent(length.toMillis(), w -> new WindowTally(lastSeen - w, Map.of()));
    }

    void replaceWindow(Duration length, WindowTally tally) {
        windows.put(length.toMillis(), tally);
    }

    /** Records that a signal of event time {@code at} was counted. */
    public void seen(long at) {
        lastSeen = Math.max(lastSeen, at);
    }

    /** Takes in another group's tier (the higher wins) and last-seen time; the engine re-tallies the windows. */
    public void absorb(GroupState other) {
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
}
