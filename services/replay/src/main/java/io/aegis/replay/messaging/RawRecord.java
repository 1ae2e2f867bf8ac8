package io.aegis.replay.messaging;

import java.time.Instant;
import java.util.List;

/**
 * One record exactly as the broker holds it: coordinates, timestamp, key, value and headers as
 * bytes. Nothing is decoded here so that verification and archives see the original bytes.
 *
 * @param topic     topic the record was read from
 * @param partition its partition
 * @param offset    its offset
 * @param timestamp record timestamp in epoch milliseconds
 * @param key       key bytes, or null
 * @param value     value bytes, or null for a tombstone
 * @param headers   headers in broker order
 */
public record RawRecord(String topic, int partition, long offset, long timestamp,
                        byte[] key, byte[] value, List<Header> headers) {

    public RawRecord {
        headers = List.copyOf(headers);
    }

    /** The record timestamp as an instant. */
    public Instant time() {
        return Instant.ofEpochMilli(timestamp);
    }

    /** The key as UTF-8 text (Aegis keys are plain strings), or null. */
    public String keyText() {
        return key == null ? null : new String(key, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Where the record sits, e.g. {@code aegis.routing.audit/0@42}, for messages and reports. */
    public String coordinates() {
        return topic + "/" + partition + "@" + offset;
    }

    /**
     * One record header.
     *
     * @param key   header name
     * @param value header bytes, or null
     */
    public record Header(String key, byte[] value) {
    }
}
