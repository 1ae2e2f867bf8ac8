package io.aegis.escalation.domain;

import java.util.Objects;

/**
 * Where a correlation key points: its group, and the event time of the newest signal that carried it.
 *
 * @param groupId  the group the key belongs to
 * @param lastSeen event time (epoch millis) of the newest signal with this key
 */
public record KeyLink(String groupId, long lastSeen) {

    public KeyLink {
        Objects.requireNonNull(groupId, "groupId");
    }
}
