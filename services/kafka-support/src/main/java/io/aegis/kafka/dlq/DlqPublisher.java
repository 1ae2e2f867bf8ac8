package io.aegis.kafka.dlq;

import java.util.Objects;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes rejected records to {@code aegis.dlq} for plain consumers (Kafka Streams apps use
 * {@link DlqDeserializationExceptionHandler} and {@link DlqProcessingExceptionHandler}).
 * The original bytes travel unchanged; the reason, source and service go into headers, so
 * nothing is dropped silently. Each publication is also logged at WARN. Thread-safe when the
 * producer is (KafkaProducer is); the producer is not closed by this class.
 */
public final class DlqPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(DlqPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String service;

    /**
     * @param producer a byte-array producer, ideally with {@code acks=all} and idempotence
     * @param service  the name of the rejecting service, e.g. its application id
     */
    public DlqPublisher(Producer<byte[], byte[]> producer, String service) {
        this.producer = Objects.requireNonNull(producer, "producer");
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service must name the application that rejects records");
        }
        this.service = service;
    }

    /** Publishes a raw consumer record with a reason. */
    public Future<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> record, String reason) {
        return publish(source(record), record.key(), record.value(), record.headers(), reason, null);
    }

    /** Publishes a raw consumer record rejected by an exception; the reason is built from it. */
    public Future<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> record, Throwable error) {
        return publish(source(record), record.key(), record.value(), record.headers(),
                DlqRecords.reasonOf(error), error);
    }

    /**
     * Publishes the original bytes of a record read from {@code source}.
     *
     * @param error the exception that rejected the record, or null when a check failed without one
     */
    public Future<RecordMetadata> publish(DlqRecords.Source source, byte[] key, byte[] value, Headers headers,
                                          String reason, Throwable error) {
        LOG.warn("{}: sending record {}-{}@{} to the DLQ: {}", service, source.topic(), source.partition(),
                source.offset(), reason);
        return producer.send(DlqRecords.toDlq(source, key, value, headers, service, reason, error));
    }

    private static DlqRecords.Source source(ConsumerRecord<?, ?> record) {
        return new DlqRecords.Source(record.topic(), record.partition(), record.offset());
    }
}
