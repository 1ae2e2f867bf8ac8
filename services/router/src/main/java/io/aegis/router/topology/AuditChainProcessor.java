package io.aegis.router.topology;

import io.aegis.kafka.crypto.HashChain;
import io.aegis.router.domain.ReceiptLedger;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.ReceiptKind;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hash-chains routing decisions. It runs on the audit repartition topic, which has as many
 * partitions as {@code aegis.routing.audit} and the same key partitioner, so this task is the only
 * writer of its audit partition and its stored last hash is that partition's chain head. It also
 * records which receipts each delivery or retraction makes due, and the signal's origin with them.
 */
final class AuditChainProcessor implements Processor<String, RoutingDecision, String, RoutingDecision> {

    /** Header carrying the receipt kind a decision makes due, set by the routing step. */
    static final String EXPECTED_RECEIPT_HEADER = "aegis.router.expected-receipt";
    private static final String HEAD = "head";

    private ProcessorContext<String, RoutingDecision> context;
    private KeyValueStore<String, String> chain;
    private KeyValueStore<String, String> receipts;

    @Override
    public void init(ProcessorContext<String, RoutingDecision> context) {
        this.context = context;
        this.chain = context.getStateStore(RouterTopology.CHAIN_STORE);
        this.receipts = context.getStateStore(RouterTopology.RECEIPTS_STORE);
    }

    @Override
    public void process(Record<String, RoutingDecision> record) {
        String prev = chain.get(HEAD);
        RoutingDecision sealed = HashChain.seal(record.value(), prev == null ? HashChain.GENESIS : prev);
        chain.put(HEAD, sealed.getHash());
        Header expected = record.headers().lastHeader(EXPECTED_RECEIPT_HEADER);
        if (expected != null) {
            String signalId = sealed.getSignalId();
            String stored = receipts.get(signalId);
            ReceiptLedger ledger = stored == null ? ReceiptLedger.empty() : ReceiptLedger.decode(stored);
            ReceiptKind kind = ReceiptKind.valueOf(new String(expected.value(), StandardCharsets.UTF_8));
            // The decision's origin is the one the routing step verified (outbox country, key, signature).
            receipts.put(signalId, ledger.expect(sealed.getDestination(), kind).withOrigin(sealed.getOriginCountry()).encode());
        }
        context.forward(record.withValue(sealed).withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders()));
    }
}
