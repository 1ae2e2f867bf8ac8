package io.aegis.node.messaging;

import io.aegis.kafka.dlq.DlqRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Where the node's consumer workers (webhooks, e-mail paging) put a record they give up on: the
 * original record on {@code aegis.dlq}, with the service and the reason, acknowledged by the brokers
 * before the worker may commit past it, so nothing is lost.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<byte[], byte[]> dlq;
    private final String service;

    public DeadLetters(Producer<byte[], byte[]> dlq, String service) {
        this.dlq = dlq;
        this.service = service;
    }

    /** Writes the original record to the DLQ; completes when the brokers acknowledged it. */
    public CompletableFuture<Void> send(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        LOG.warn("{}: sending record {}-{}@{} to the DLQ: {}", service, record.topic(), record.partition(), record.offset(), reason);
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            DlqRecords.Source source = new DlqRecords.Source(record.topic(), record.partition(), record.offset());
            dlq.send(DlqRecords.toDlq(source, record.key(), record.value(), record.headers(), service, reason, error),
                    (metadata, failure) -> {
                        if (failure != null) {
                            acked.completeExceptionally(failure);
                        } else {
                            acked.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
