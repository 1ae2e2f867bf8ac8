package io.aegis.response.domain;

import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.Vote;
import io.aegis.schema.response.VoteChoice;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Quorum arithmetic for joint actions. An action passes once the countries voting YES make up at
 * least the action's quorum of the involved countries; it is rejected once that can no longer
 * happen even if every country yet to vote says YES; otherwise it stays proposed. Only votes of
 * involved countries count, one per country (the first).
 */
public final class Quorum {

    /** Slack for the floating-point product, far below one vote for any realistic membership. */
    private static final double EPSILON = 1e-9;

    private Quorum() {
    }

    /** The tally of an action against the involved countries. */
    public record Tally(int involved, int yes, int no, int abstain, int notVoted) {
    }

    public static Tally tally(JointAction action, Collection<String> involved) {
        Set<String> counted = new HashSet<>();
        int yes = 0;
        int no = 0;
        int abstain = 0;
        for (Vote vote : action.getVotes()) {
            if (!involved.contains(vote.getCountry()) || !counted.add(vote.getCountry())) {
                continue;
            }
            if (vote.getChoice() == VoteChoice.YES) {
                yes++;
            } else if (vote.getChoice() == VoteChoice.NO) {
                no++;
            } else {
                abstain++;
            }
        }
        int size = new HashSet<>(involved).size();
        return new Tally(size, yes, no, abstain, size - counted.size());
    }

    /** PASSED, REJECTED, or PROPOSED while undecided. */
    public static ActionState decide(JointAction action, Collection<String> involved) {
        Tally tally = tally(action, involved);
        double needed = action.getQuorum() * tally.involved() - EPSILON;
        if (tally.involved() > 0 && tally.yes() >= needed) {
            return ActionState.PASSED;
        }
        if (tally.yes() + tally.notVoted() < needed || tally.involved() == 0) {
            return ActionState.REJECTED;
        }
        return ActionState.PROPOSED;
    }
}
