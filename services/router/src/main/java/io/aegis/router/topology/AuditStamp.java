package io.aegis.router.topology;

import io.aegis.schema.routing.RoutingDecision;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Unwraps an audit output and carries its due receipt kind in a header across the repartition. */
final class AuditStamp implements FixedKeyProcessor<String, Routed, RoutingDecision> {

    private FixedKeyProcessorContext<String, RoutingDecision> context;

    @Override
    public void init(FixedKeyProcessorContext<String, RoutingDecision> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Routed> record) {
        Routed.ToAudit audit = (Routed.ToAudit) record.value();
        RecordHeaders headers = new RecordHeaders();
        if (audit.expectedReceipt() != null) {
            headers.add(AuditChainProcessor.EXPECTED_RECEIPT_HEADER, audit.expectedReceipt().name().getBytes(StandardCharsets.UTF_8));
        }
        context.forward(record.withValue(audit.decision()).withHeaders(headers));
    }
}
