package io.aegis.router.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * What the routing topology needs besides members and topics.
 *
 * @param service         name written on DLQ records (the application id)
 * @param auditPartitions partition count of {@code aegis.routing.audit}; the audit repartition topic
 *                        uses the same count so that one task owns each audit partition's hash chain
 * @param releaseInterval how often the embargo punctuator looks for due deliveries (wall clock)
 * @param networkKey      HMAC-SHA256 key for HASHED coordination values
 */
public record RouterSettings(String service, int auditPartitions, Duration releaseInterval, byte[] networkKey) {

    public RouterSettings {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(releaseInterval, "releaseInterval");
        Objects.requireNonNull(networkKey, "networkKey");
        if (auditPartitions < 1) {
            throw new IllegalArgumentException("auditPartitions must be >= 1, was " + auditPartitions);
        }
        networkKey = networkKey.clone();
    }
}
