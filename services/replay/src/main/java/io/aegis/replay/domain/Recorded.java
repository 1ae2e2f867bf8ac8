package io.aegis.replay.domain;

/**
 * A decoded contract record together with where it was read from.
 *
 * @param source    {@code topic/partition@offset}
 * @param timestamp record timestamp, epoch milliseconds
 * @param key       record key
 * @param value     decoded value
 * @param <T>       contract type
 */
public record Recorded<T>(String source, long timestamp, String key, T value) {
}
