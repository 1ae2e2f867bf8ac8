package io.aegis.replay.timeline;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.schema.response.CaseEvent;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A member's view of the record, for a report made for (or by) one country's operator: only what
 * that country published, received or was told, as it received it. Its own signals, their routing
 * decisions and receipts (what the router reported to it as origin); the copies on its own inbox
 * (with the origin as each copy names it) and the case copies there (not the coordination centre's
 * records); its notifications and commands; and the case events it acted in. The coordination view,
 * escalations, other origins' decisions and other members' case actions are the coordination
 * centre's and are left out; system case events keep only their kind. What was left out is counted
 * in a note, never named.
 */
public final class MemberView {

    private MemberView() {
    }

    public static RecordedHistory of(RecordedHistory history, String country) {
        RecordedHistory view = RecordedHistory.empty();
        int hidden = keep(history.signals(), view.signals(), s -> s.value().getOriginCountry().equals(country));
        Set<String> own = new HashSet<>();
        view.signals().forEach(s -> own.add(s.value().getId()));
        hidden += keep(history.retractions(), view.retractions(), r -> own.contains(r.value().getSignalId()));
        hidden += keep(history.decisions(), view.decisions(), d -> own.contains(d.value().getSignalId()));
        hidden += keep(history.receipts(), view.receipts(),
                r -> own.contains(r.value().getSignalId()) || r.value().getCountry().equals(country));
        hidden += keep(history.policies(), view.policies(), p -> p.value().getCountry().equals(country));
        hidden += keep(history.deliveries(), view.deliveries(), onTopic(TopicNames.inbox(country)));
        hidden += keep(history.caseCopies(), view.cases(), onTopic(TopicNames.inbox(country)));
        hidden += keep(history.notifications(), view.notifications(), onTopic(TopicNames.notify(country)));
        hidden += keep(history.commands(), view.commands(), onTopic(TopicNames.commands(country)));
        hidden += history.coordination().size() + history.escalations().size() + history.cases().size();
        for (Recorded<CaseEvent> event : history.caseEvents()) {
            String actor = event.value().getActorCountry();
            if (country.equals(actor)) {
                view.caseEvents().add(event);
            } else if (actor == null) {
                view.caseEvents().add(event.with(CaseEvent.newBuilder(event.value()).setDetail("")
                        .setAttributes(new LinkedHashMap<>()).build()));
            } else {
                hidden++;
            }
        }
        view.notes().addAll(history.notes());
        view.notes().add("as seen by " + country + ": only what " + country + " published, received or was told; "
                + hidden + " record(s) of the coordination centre and of other members left out");
        return view;
    }

    /** The report's filters with the member it was made for. */
    public static TimelineReport label(TimelineReport report, String country) {
        Map<String, String> filters = new LinkedHashMap<>(report.filters());
        filters.put("as seen by", country);
        return new TimelineReport(report.title() + " (as seen by " + country + ")", report.from(), report.to(), filters,
                report.generatedAt(), report.counts(), report.events(), report.ackTimes(), report.deliveries(), report.notes());
    }

    private static <T> int keep(List<Recorded<T>> from, List<Recorded<T>> into, Predicate<Recorded<T>> kept) {
        int left = 0;
        for (Recorded<T> record : from) {
            if (kept.test(record)) {
                into.add(record);
            } else {
                left++;
            }
        }
        return left;
    }

    /** Records read from {@code topic} (in any namespace, e.g. sandbox.aegis.inbox.FR). */
    private static <T> Predicate<Recorded<T>> onTopic(String topic) {
        return record -> record.topic().endsWith(topic);
    }
}
