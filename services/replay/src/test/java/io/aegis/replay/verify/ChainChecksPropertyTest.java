package io.aegis.replay.verify;

import io.aegis.kafka.crypto.HashChain;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.domain.Recorded;
import io.aegis.replay.support.Scenario;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.testsupport.fixtures.Signals;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit-chain check flags exactly the tampered record, wherever it sits and however the chain is cut. */
class ChainChecksPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Property(tries = 60)
    void untouchedChainHasNoViolation(@ForAll @IntRange(min = 1, max = 30) int length,
                                      @ForAll @IntRange(min = 0, max = 29) int cut) {
        Assume.that(cut < length);
        // A range may start anywhere in the chain: the segment is anchored at its first record.
        List<Recorded<RoutingDecision>> segment = chain(length).subList(cut, length);
        List<Violation> violations = new ArrayList<>();

        ChainChecks.auditChains(segment, violations);

        assertEquals(List.of(), violations);
    }

    @Property(tries = 60)
    void rewrittenRecordIsTheOneFlagged(@ForAll @IntRange(min = 1, max = 30) int length,
                                        @ForAll @IntRange(min = 0, max = 29) int tampered) {
        Assume.that(tampered < length);
        List<Recorded<RoutingDecision>> chain = chain(length);
        RoutingDecision forged = RoutingDecision.newBuilder(chain.get(tampered).value())
                .setOutcome(DecisionOutcome.DELIVER).setDestination("XX").build();
        chain.set(tampered, chain.get(tampered).with(forged));
        List<Violation> violations = new ArrayList<>();

        ChainChecks.auditChains(chain, violations);

        assertEquals(1, violations.size());
        assertEquals(TopicNames.ROUTING_AUDIT + "/0@" + tampered, violations.get(0).evidence());
        assertTrue(violations.get(0).message().endsWith("the record was modified"));
    }

    @Property(tries = 60)
    void removedRecordBreaksTheNextLink(@ForAll @IntRange(min = 2, max = 30) int length,
                                        @ForAll @IntRange(min = 0, max = 28) int removed) {
        // Removing the last record leaves a valid shorter chain: only its successor could tell.
        Assume.that(removed < length - 1);
        List<Recorded<RoutingDecision>> original = chain(length);
        original.remove(removed);
        // A rewritten copy of the topic numbers its records afresh, as the broker does.
        List<Recorded<RoutingDecision>> copy = new ArrayList<>();
        for (int offset = 0; offset < original.size(); offset++) {
            Recorded<RoutingDecision> record = original.get(offset);
            copy.add(new Recorded<>(record.topic(), 0, offset, record.timestamp(), record.key(), record.value()));
        }
        List<Violation> violations = new ArrayList<>();

        ChainChecks.auditChains(copy, violations);

        assertEquals(1, violations.size());
        assertEquals(TopicNames.ROUTING_AUDIT + "/0@" + removed, violations.get(0).evidence());
        assertTrue(violations.get(0).message().endsWith("a record was removed, inserted or reordered"));
    }

    private static List<Recorded<RoutingDecision>> chain(int length) {
        var signal = Signals.signal("FR").setContentHash("sha256:" + "0".repeat(64)).build();
        List<Recorded<RoutingDecision>> chain = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int i = 0; i < length; i++) {
            RoutingDecision sealed = HashChain.seal(Scenario.decision("d" + i, signal, "DE", DecisionOutcome.WITHHOLD, 1,
                    List.of(), T0.plusSeconds(i)), prev);
            chain.add(new Recorded<>(TopicNames.ROUTING_AUDIT, 0, i, T0.plusSeconds(i).toEpochMilli(), "k", sealed));
            prev = sealed.getHash();
        }
        return chain;
    }
}
