package io.aegis.router.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.signal.ReceiptKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiptLedgerTest {

    @Test
    void shouldKeepTheOriginThroughEncodingAndLaterReceipts() {
        ReceiptLedger ledger = ReceiptLedger.empty().expect("DE", ReceiptKind.DELIVERED).withOrigin("FR")
                .confirm("DE", ReceiptKind.DELIVERED).expect("JP", ReceiptKind.DELIVERED);

        ReceiptLedger decoded = ReceiptLedger.decode(ledger.encode());

        assertThat(decoded).isEqualTo(ledger);
        assertThat(decoded.knownOrigin()).contains("FR");
        assertThat(ledger.encode()).isEqualTo("DE=DELIVERED,JP=DELIVERED|DE=DELIVERED|FR");
    }

    @Test
    void shouldDecodeALedgerWrittenBeforeOriginsWereKept() {
        // why: routers upgraded in place read the ledgers their predecessors stored
        ReceiptLedger old = ReceiptLedger.decode("DE=DELIVERED,JP=RETRACTED|DE=DELIVERED");

        assertThat(old.knownOrigin()).isEmpty();
        assertThat(old.outstanding()).isEqualTo(Map.of("JP", ReceiptKind.RETRACTED));
        assertThat(old.encode()).as("a ledger without origin keeps the old form").isEqualTo("DE=DELIVERED,JP=RETRACTED|DE=DELIVERED");
        assertThat(old.withOrigin("FR").encode()).isEqualTo("DE=DELIVERED,JP=RETRACTED|DE=DELIVERED|FR");
    }

    @Test
    void shouldKeepTheFirstRecordedOrigin() {
        ReceiptLedger ledger = ReceiptLedger.empty().withOrigin("FR").withOrigin("DE");

        assertThat(ledger.origin()).isEqualTo("FR");
    }

    @Test
    void shouldRecordNoOriginForAReceiptThatCameBeforeAnyDecision() {
        ReceiptLedger early = ReceiptLedger.empty().confirm("DE", ReceiptKind.DELIVERED);

        assertThat(ReceiptLedger.decode(early.encode()).knownOrigin()).isEmpty();
        assertThat(ReceiptLedger.decode(early.encode()).withOrigin("FR").confirmed()).isEqualTo(Map.of("DE", ReceiptKind.DELIVERED));
    }
}
