package io.aegis.replay.timeline;

import java.time.Instant;
import java.util.List;

/**
 * Who received what and why: one routing decision for one destination, with the delivery and
 * receipt seen for it.
 *
 * @param signalId       signal
 * @param origin         origin country
 * @param destination    destination country or "coordination"
 * @param outcome        decision outcome
 * @param policyVersion  origin policy version that decided
 * @param ruleIds        rules that decided
 * @param reason         reason in words
 * @param redactedFields fields removed for this destination
 * @param decidedAt      when the router decided
 * @param deliveredAt    when the copy reached the inbox, or null
 * @param receiptAt      when the destination confirmed, or null
 */
public record Delivery(String signalId, String origin, String destination, String outcome, int policyVersion,
                       List<String> ruleIds, String reason, List<String> redactedFields, Instant decidedAt,
                       Instant deliveredAt, Instant receiptAt) {

    public Delivery {
        ruleIds = List.copyOf(ruleIds);
        redactedFields = List.copyOf(redactedFields);
    }
}
