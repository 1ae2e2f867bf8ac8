package io.aegis.kafka.dlq;

import io.aegis.kafka.registry.SchemaRegistryException;
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
 * A record is not at fault when the schema registry is unreachable, failing or refusing this
 * client (anything but "schema not found"): then the handler answers FAIL, so the stream thread
 * stops and the record is read again once the registry is back, instead of a good record being
 * dead-lettered. A record naming a schema id the registry does not know goes to the DLQ. Install with {@link DlqHandlerConfig#install}.
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
        SchemaRegistryException registryDown = registryFailure(exception);
        if (registryDown != null) {
            LOG.error("{}: cannot deserialize record {}-{}@{} while the schema registry is unavailable; failing so "
                    + "that it is retried, not dead-lettered: {}", service, record.topic(), record.partition(),
                    record.offset(), registryDown.getMessage());
            return Response.fail();
        }
        String reason = "cannot deserialize: " + DlqRecords.reasonOf(exception);
        LOG.warn("{}: sending record {}-{}@{} to the DLQ: {}", service, record.topic(), record.partition(),
                record.offset(), reason);
        DlqRecords.Source source = new DlqRecords.Source(record.topic(), record.partition(), record.offset());
        return Response.resume(List.of(DlqRecords.toDlq(source, record.key(), record.value(), record.headers(),
                service, reason, exception)));
    }

    private static SchemaRegistryException registryFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry && !registry.isNotFound()) {
                return registry;
            }
        }
        return null;
    }
}
