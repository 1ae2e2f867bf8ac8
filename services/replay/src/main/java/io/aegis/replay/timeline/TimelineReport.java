package io.aegis.replay.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data of one after-action report; the HTML, JSON and Markdown renderings all show exactly this.
 *
 * @param title       what the report covers
 * @param from        start of the range read
 * @param to          end of the range read
 * @param filters     selection applied (case, country, category)
 * @param generatedAt when the report was made
 * @param counts      number of events per kind
 * @param events      events in time order
 * @param ackTimes    time-to-acknowledge per officer and tier
 * @param deliveries  who received what and why
 * @param notes       what could not be read or checked
 */
public record TimelineReport(String title, Instant from, Instant to, Map<String, String> filters,
                             Instant generatedAt, Map<String, Integer> counts, List<TimelineEvent> events,
                             List<AckTime> ackTimes, List<Delivery> deliveries, List<String> notes) {

    public TimelineReport {
        filters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filters));
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        events = List.copyOf(events);
        ackTimes = List.copyOf(ackTimes);
        deliveries = List.copyOf(deliveries);
        notes = List.copyOf(notes);
    }
}
