package io.aegis.replay.domain;

/**
 * A decoded contract record together with where it was read from.
 *
 * @param topic     topic
 * @param partition partition
 * @param offset    offset
 * @param timestamp record timestamp, epoch milliseconds
 * @param key       record key
 * @param value     decoded value
 * @param <T>       contract type
 */
public record Recorded<T>(String topic, int partition, long offset, long timestamp, String key, T value) {

    /** {@code topic/partition@offset}, the evidence reference shown in reports. */
    public String source() {
        return topic + "/" + partition + "@" + offset;
    }

    /** The same coordinates holding another value (a union payload, for instance). */
    public <U> Recorded<U> with(U other) {
        return new Recorded<>(topic, partition, offset, timestamp, key, other);
    }
}
