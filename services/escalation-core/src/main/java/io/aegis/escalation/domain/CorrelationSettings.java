package io.aegis.escalation.domain;

import io.aegis.schema.coordination.KeyKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How signals are grouped.
 *
 * @param keys           the key kinds that join signals into one group
 * @param resolution     width of the time slots signals are counted in; windows are exact to it
 * @param groupRetention a group with no new signal for this long is forgotten (its tier with it)
 */
public record CorrelationSettings(Set<KeyKind> keys, Duration resolution, Duration groupRetention) {

    public CorrelationSettings {
        keys = Set.copyOf(keys);
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(groupRetention, "groupRetention");
    }
}
