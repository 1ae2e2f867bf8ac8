package io.aegis.kafka.dlq;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams processing handler (KIP-1033/1034): when a processor throws, the source record's
 * original bytes go to {@code aegis.dlq} with the DLQ headers (naming the processor node) and
 * processing resumes. Install with {@link DlqHandlerConfig#install}.
 */
public final class DlqProcessingExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DlqProcessingExceptionHandler.class);

    private String service;

    @Override
    public void configure(Map<String, ?> configs) {
        service = DlqHandlerConfig.service(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = "processor " + context.processorNodeId() + " failed: " + DlqRecords.reasonOf(exception);
        LOG.warn("{}: sending record {}-{}@{} to the DLQ: {}", service, context.topic(), context.partition(),
                context.offset(), reason);
        // records forwarded from a punctuator have no source topic
        String topic = context.topic() == null ? "(punctuation)" : context.topic();
        DlqRecords.Source source = new DlqRecords.Source(topic, context.partition(), context.offset());
        return Response.resume(List.of(DlqRecords.toDlq(source, context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), service, reason, exception)));
    }
}
