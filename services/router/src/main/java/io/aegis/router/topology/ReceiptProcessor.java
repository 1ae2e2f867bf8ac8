package io.aegis.router.topology;

import io.aegis.router.domain.ReceiptLedger;
import io.aegis.schema.signal.Receipt;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Records receipts from nodes against the receipts each signal made due; a terminal step. */
final class ReceiptProcessor implements Processor<String, Receipt, Void, Void> {

    private KeyValueStore<String, String> receipts;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.receipts = context.getStateStore(RouterTopology.RECEIPTS_STORE);
    }

    @Override
    public void process(Record<String, Receipt> record) {
        Receipt receipt = record.value();
        if (receipt == null) {
            return;
        }
        String stored = receipts.get(receipt.getSignalId());
        ReceiptLedger ledger = stored == null ? ReceiptLedger.empty() : ReceiptLedger.decode(stored);
        receipts.put(receipt.getSignalId(), ledger.confirm(receipt.getCountry(), receipt.getKind()).encode());
    }
}
