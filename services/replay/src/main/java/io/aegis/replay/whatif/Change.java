package io.aegis.replay.whatif;

import java.time.Instant;
import java.util.List;

/**
 * One escalation that a rule change gains, loses or moves.
 *
 * @param correlationKey correlation group
 * @param tier           tier reached
 * @param actualAt       when it happened, or null if it did not
 * @param candidateAt    when it would happen under the candidate rules, or null if it would not
 * @param deltaSeconds   candidateAt − actualAt in seconds (0 unless both are known)
 * @param rules          rules that fired (candidate's when it fires, otherwise the actual ones)
 * @param signalIds      signals of the group at that point
 * @param opensCase      whether the response workflow opens (or raises) a case at this tier
 * @param ackDueAt       when the first acknowledgement would fall due, or null if none is asked
 */
public record Change(String correlationKey, String tier, Instant actualAt, Instant candidateAt, long deltaSeconds,
                     List<String> rules, List<String> signalIds, boolean opensCase, Instant ackDueAt) {

    public Change {
        rules = List.copyOf(rules);
        signalIds = List.copyOf(signalIds);
    }
}
