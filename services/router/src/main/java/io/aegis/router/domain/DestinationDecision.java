package io.aegis.router.domain;

import java.time.Instant;
import java.util.List;

/**
 * The policy engine's decision for one destination of one signal.
 *
 * @param destination    destination country
 * @param outcome        deliver, deliver redacted, deliver later, or withhold
 * @param ruleIds        ids of the rules that decided, in evaluation order (empty for default deny)
 * @param reason         human-readable reason naming the rule or check that decided
 * @param redactedFields field paths removed for this destination
 * @param deliverAt      for {@link Outcome#DELAY}: when the embargo ends, else null
 */
public record DestinationDecision(
        String destination, Outcome outcome, List<String> ruleIds, String reason, List<String> redactedFields, Instant deliverAt) {

    public DestinationDecision {
        ruleIds = List.copyOf(ruleIds);
        redactedFields = List.copyOf(redactedFields);
    }

    static DestinationDecision withhold(String destination, List<String> ruleIds, String reason) {
        return new DestinationDecision(destination, Outcome.WITHHOLD, ruleIds, reason, List.of(), null);
    }
}
