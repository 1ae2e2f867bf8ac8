package io.aegis.response.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.Vote;
import io.aegis.schema.response.VoteChoice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Quorum decisions against exact integer arithmetic: with quorum p/q of n countries, an action
 * passes exactly when yes·q ≥ p·n, is rejected exactly when even all remaining YES votes would
 * fall short, and is otherwise still open.
 */
class QuorumPropertyTest {

    @Property(tries = 500)
    void decisionMatchesExactFractionArithmetic(@ForAll @IntRange(min = 1, max = 30) int involved,
                                                @ForAll @IntRange(min = 1, max = 4) int denominator,
                                                @ForAll @IntRange(min = 1, max = 4) int numeratorSeed,
                                                @ForAll @IntRange(min = 0, max = 30) int yesSeed,
                                                @ForAll @IntRange(min = 0, max = 30) int noSeed) {
        int numerator = Math.min(numeratorSeed, denominator);
        int yes = Math.min(yesSeed, involved);
        int no = Math.min(noSeed, involved - yes);
        List<String> countries = new ArrayList<>();
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < involved; i++) {
            String country = "C" + i;
            countries.add(country);
            if (i < yes + no) {
                votes.add(new Vote(country, "officer-" + i, i < yes ? VoteChoice.YES : VoteChoice.NO, Instant.EPOCH));
            }
        }
        // a vote from outside the involved countries must never count
        votes.add(new Vote("XX", "intruder", VoteChoice.YES, Instant.EPOCH));
        JointAction action = JointAction.newBuilder().setActionId("a").setType(ActionType.HALT_DEPLOYMENT)
                .setProposedByCountry("C0").setProposedBy("officer-0").setQuorum((double) numerator / denominator)
                .setVotes(votes).setProposedAt(Instant.EPOCH).build();

        ActionState expected = (long) yes * denominator >= (long) numerator * involved ? ActionState.PASSED
                : (long) (yes + involved - yes - no) * denominator < (long) numerator * involved ? ActionState.REJECTED
                : ActionState.PROPOSED;
        assertEquals(expected, Quorum.decide(action, countries));
    }
}
