package io.aegis.kafka.dlq;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams deserialization handler (KIP-1034): a record that cannot be deserialized is
 * sent, with its original bytes and the DLQ headers, to {@code aegis.dlq} by Streams itself
 * (inside the transaction under exactly-once), and processing resumes with the next record.
 * Install with {@link DlqHandlerConfig#install}.
 */
public final class DlqDeserializationExceptionHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DlqDeserializationExceptionHandler.class);

    private String service;

    @Override
    public void configure(Map<String, ?> configs) {
        service = DlqHandlerConfig.service(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        String reason = "cannot deserialize: " + DlqRecords.reasonOf(exception);
        LOG.warn("{}: sending record {}-{}@{} to the DLQ: {}", service, record.topic(), record.partition(),
                record.offset(), reason);
        DlqRecords.Source source = new DlqRecords.Source(record.topic(), record.partition(), record.offset());
        return Response.resume(List.of(DlqRecords.toDlq(source, record.key(), record.value(), record.headers(),
                service, reason, exception)));
    }
}
