package io.aegis.kafka.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.fixtures.ContractSamples;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.Receipt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HashChainTest {

    static {
        ContractSamples.all();
    }

    @Test
    void shouldComputeTheDocumentedLinkFormula() {
        // hash = "sha256:" + hex(SHA-256(prevHash UTF-8 || Avro binary of the record with hash = ""))
        CaseEvent first = HashChain.seal(ContractSamples.caseEvent("case-1", 1), HashChain.GENESIS);
        CaseEvent second = HashChain.seal(ContractSamples.caseEvent("case-1", 2), first.getHash());

        CaseEvent secondUnhashed = CaseEvent.newBuilder(second).setHash("").build();
        String expected = CanonicalHash.sha256(first.getHash().getBytes(StandardCharsets.UTF_8),
                CanonicalHash.avroBinary(secondUnhashed));
        assertEquals(expected, second.getHash());
        assertEquals(first.getHash(), second.getPrevHash());
        assertEquals("", first.getPrevHash());
    }

    @Test
    void shouldChainRoutingDecisionsFromAnAnchor() {
        // a partition's audit is verified segment by segment from the last verified hash
        RoutingDecision a = HashChain.seal(ContractSamples.routingDecision(), "sha256:anchor");
        RoutingDecision b = HashChain.seal(RoutingDecision.newBuilder(ContractSamples.routingDecision())
                .setDecisionId("dec-2").build(), a.getHash());

        assertTrue(HashChain.verify("sha256:anchor", List.of(a, b)).valid());
        assertFalse(HashChain.verify(List.of(a, b)).valid());
    }

    @Test
    void shouldRefuseRecordsWithoutHashFields() {
        Receipt receipt = new Receipt("s", "FR", io.aegis.schema.signal.ReceiptKind.DELIVERED, ContractSamples.AT, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HashChain.seal(receipt, HashChain.GENESIS));

        assertTrue(e.getMessage().contains("has no string field 'prevHash'"), e.getMessage());
    }

    @Property(tries = 60)
    void shouldVerifyAnyUntouchedChain(@ForAll @IntRange(min = 1, max = 15) int length) {
        assertTrue(HashChain.verify(chain(length)).valid());
    }

    @Property(tries = 60)
    void shouldDetectAModifiedRecordAtItsIndex(@ForAll @IntRange(min = 1, max = 15) int length,
                                               @ForAll @IntRange(min = 0, max = 1000) int pick) {
        int index = pick % length;
        List<CaseEvent> events = chain(length);
        events.set(index, CaseEvent.newBuilder(events.get(index)).setDetail("rewritten").build());

        ChainVerification result = HashChain.verify(events);

        assertFalse(result.valid());
        assertEquals(index, result.brokenAt());
        assertTrue(result.reason().contains("was modified"), result.reason());
    }

    @Property(tries = 60)
    void shouldDetectAMissingRecord(@ForAll @IntRange(min = 2, max = 15) int length,
                                    @ForAll @IntRange(min = 0, max = 1000) int pick) {
        // any record but the last: the last one's absence shows only against the case's lastEventHash
        int index = pick % (length - 1);
        List<CaseEvent> events = chain(length);
        events.remove(index);

        ChainVerification result = HashChain.verify(events);

        assertFalse(result.valid());
        assertEquals(index, result.brokenAt());
        assertTrue(result.reason().contains("missing or out of order"), result.reason());
    }

    @Property(tries = 60)
    void shouldDetectReorderedRecords(@ForAll @IntRange(min = 2, max = 15) int length,
                                      @ForAll @IntRange(min = 0, max = 1000) int first,
                                      @ForAll @IntRange(min = 0, max = 1000) int distance) {
        int i = first % (length - 1);
        int j = i + 1 + distance % (length - 1 - i);
        List<CaseEvent> events = chain(length);
        Collections.swap(events, i, j);

        ChainVerification result = HashChain.verify(events);

        assertFalse(result.valid());
        assertEquals(i, result.brokenAt());
    }

    @Property(tries = 40)
    void shouldDetectAResealedRecordByTheNextLink(@ForAll @IntRange(min = 2, max = 15) int length,
                                                  @ForAll @IntRange(min = 0, max = 1000) int pick) {
        // a forger who rewrites a record and recomputes its own hash still breaks the next link
        int index = pick % (length - 1);
        List<CaseEvent> events = chain(length);
        CaseEvent forged = CaseEvent.newBuilder(events.get(index)).setDetail("forged").build();
        events.set(index, HashChain.seal(forged, forged.getPrevHash()));

        ChainVerification result = HashChain.verify(events);

        assertFalse(result.valid());
        assertEquals(index + 1, result.brokenAt());
    }

    private static List<CaseEvent> chain(int length) {
        List<CaseEvent> events = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int i = 1; i <= length; i++) {
            CaseEvent sealed = HashChain.seal(ContractSamples.caseEvent("case-7", i), prev);
            events.add(sealed);
            prev = sealed.getHash();
        }
        return events;
    }
}
