package io.aegis.replay.timeline;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened, at the time the system says it happened (decidedAt, escalatedAt,
 * at …), with where the evidence sits.
 *
 * @param at             business time of the event
 * @param kind           lane
 * @param source         {@code topic/partition@offset} of the record
 * @param signalId       signal concerned, or null
 * @param caseId         case concerned, or null
 * @param correlationKey correlation group, or null
 * @param country        country acting or receiving, or null
 * @param actor          officer or agency, or null
 * @param tier           tier name, or null
 * @param summary        one line in words
 * @param details        further fields, by name
 */
public record TimelineEvent(Instant at, EventKind kind, String source, String signalId, String caseId,
                            String correlationKey, String country, String actor, String tier,
                            String summary, Map<String, String> details) {

    public TimelineEvent {
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
