package io.aegis.router.domain;

import io.aegis.policy.PolicyDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.ReceiptKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyVersionsTest {

    private static SharingPolicy policy(int version) {
        return SharingPolicy.newBuilder(PolicyDocument.parse("country: FR\nrules: []\n", Fixtures.NOW, "t")).setVersion(version).build();
    }

    @Test
    void shouldPublishAFileOnlyWhenTheCountryHasNoPolicyOrTheFileIsNewer() {
        assertEquals(1, PolicyVersions.fromFile(policy(0), null).orElseThrow().getVersion());
        assertEquals(4, PolicyVersions.fromFile(policy(4), null).orElseThrow().getVersion());
        assertTrue(PolicyVersions.fromFile(policy(3), policy(3)).isEmpty(), "same version: the topic wins");
        assertTrue(PolicyVersions.fromFile(policy(1), policy(5)).isEmpty(), "an API change is never overwritten by an older file");
        assertEquals(6, PolicyVersions.fromFile(policy(6), policy(5)).orElseThrow().getVersion());
    }

    @Test
    void shouldGiveEverySubmittedChangeTheNextVersion() {
        assertEquals(1, PolicyVersions.nextVersion(policy(99), null).getVersion());
        assertEquals(8, PolicyVersions.nextVersion(policy(0), policy(7)).getVersion());
    }

    @Test
    void shouldKeepReceiptsOutstandingUntilTheLatestExpectedKindArrives() {
        ReceiptLedger ledger = ReceiptLedger.empty().expect("DE", ReceiptKind.DELIVERED).expect("JP", ReceiptKind.DELIVERED)
                .confirm("DE", ReceiptKind.DELIVERED).expect("DE", ReceiptKind.RETRACTED);

        assertEquals(Map.of("DE", ReceiptKind.RETRACTED, "JP", ReceiptKind.DELIVERED), ledger.outstanding());
        assertEquals(ledger, ReceiptLedger.decode(ledger.encode()));
        assertEquals(Map.of("JP", ReceiptKind.DELIVERED), ledger.confirm("DE", ReceiptKind.RETRACTED).outstanding());
    }
}
