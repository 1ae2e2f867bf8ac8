package io.aegis.kafka.dlq;

import io.aegis.kafka.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the {@code aegis.dlq} record for a rejected record: the original key and value bytes
 * unchanged, the original headers, and the {@link DlqHeaders} saying why, where from and who.
 * Earlier DLQ headers on the original are replaced, never duplicated.
 */
public final class DlqRecords {

    /** Longest reason kept; longer reasons are cut with an ellipsis. */
    public static final int MAX_REASON_LENGTH = 4000;

    private DlqRecords() {
    }

    /** Where a rejected record came from. */
    public record Source(String topic, int partition, long offset) {
        public Source {
            Objects.requireNonNull(topic, "topic");
        }
    }

    public static ProducerRecord<byte[], byte[]> toDlq(Source source, byte[] key, byte[] value, Headers original,
                                                      String service, String reason, Throwable error) {
        Objects.requireNonNull(source, "source");
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service must name the application that rejects the record");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must say why the record is rejected");
        }
        Headers headers = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                if (!header.key().startsWith("aegis.dlq.")) {
                    headers.add(header.key(), header.value());
                }
            }
        }
        add(headers, DlqHeaders.REASON, abbreviate(reason));
        add(headers, DlqHeaders.SOURCE_TOPIC, source.topic());
        add(headers, DlqHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
        add(headers, DlqHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        add(headers, DlqHeaders.SERVICE, service);
        if (error != null) {
            add(headers, DlqHeaders.EXCEPTION, error.getClass().getName());
        }
        return new ProducerRecord<>(TopicNames.DLQ, null, key, value, headers);
    }

    /** A reason from an exception: its class and message, and the root cause's when different. */
    public static String reasonOf(Throwable error) {
        Objects.requireNonNull(error, "error");
        StringBuilder text = new StringBuilder(describe(error));
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error) {
            text.append(" (caused by ").append(describe(root)).append(')');
        }
        return text.toString();
    }

    /** The text of a header, or null when absent. */
    public static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getName()
                : error.getClass().getName() + ": " + error.getMessage();
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
