package io.aegis.replay.timeline;

import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.SharedSignal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Joins everything read back from the topics into one report: the selected signals' publication,
 * routing, delivery and receipts, their coordination view, the escalations of their groups, and
 * the cases those opened with their events, notifications and commands. Pure: no I/O, same
 * history and query in, same report out (events ordered by time, then by evidence position).
 */
public final class TimelineAssembler {

    private TimelineAssembler() {
    }

    public static TimelineReport assemble(TimelineQuery query, RecordedHistory history, Instant generatedAt) {
        Selection selection = Selection.of(query, history);
        List<TimelineEvent> events = new ArrayList<>();
        add(events, history.signals(), s -> selection.signal(s.getId()), EventMapper::signal);
        add(events, history.retractions(), r -> selection.signal(r.getSignalId()), EventMapper::retraction);
        add(events, history.decisions(), d -> selection.signal(d.getSignalId()), EventMapper::decision);
        add(events, history.deliveries(), d -> selection.signal(d.getSignalId()), EventMapper::delivery);
        add(events, history.receipts(), r -> selection.signal(r.getSignalId()), EventMapper::receipt);
        add(events, history.coordination(), c -> selection.signal(c.getSignalId()), EventMapper::coordination);
        add(events, history.escalations(), e -> selection.group(e.getCorrelationKey()), EventMapper::escalation);
        add(events, history.caseEvents(), selection::caseEvent, EventMapper::caseEvent);
        add(events, history.notifications(), n -> selection.caseId(n.getCaseId()), EventMapper::notification);
        add(events, history.commands(), c -> selection.caseId(c.getCaseId()), EventMapper::command);
        // Stable sort by time only: records of one topic partition were added in offset order, so events
        // stamped in the same millisecond keep their recorded order (a case's events stay in sequence order;
        // comparing the "topic-partition@offset" text would put offset 10 before offset 9).
        events.sort(Comparator.comparing(TimelineEvent::at));

        List<CaseEvent> caseEvents = values(history.caseEvents(), selection::caseEvent);
        List<Notification> notifications = values(history.notifications(), n -> selection.caseId(n.getCaseId()));
        return new TimelineReport(title(query), query.range().from(), query.range().to(), query.describe(),
                generatedAt, counts(events), events, AckStats.compute(caseEvents, notifications),
                deliveries(history, selection), history.notes());
    }

    private static <T> void add(List<TimelineEvent> events, List<Recorded<T>> records, Predicate<T> selected,
                                Function<Recorded<T>, TimelineEvent> mapper) {
        records.stream().filter(record -> selected.test(record.value())).map(mapper).forEach(events::add);
    }

    private static <T> List<T> values(List<Recorded<T>> records, Predicate<T> selected) {
        return records.stream().map(Recorded::value).filter(selected).toList();
    }

    private static List<Delivery> deliveries(RecordedHistory history, Selection selection) {
        Map<String, Instant> delivered = new HashMap<>();
        for (Recorded<SharedSignal> shared : history.deliveries()) {
            delivered.putIfAbsent(shared.value().getDecisionId(), shared.value().getSharedAt());
        }
        Map<String, Instant> receipts = new HashMap<>();
        for (Recorded<Receipt> receipt : history.receipts()) {
            if (receipt.value().getKind() == ReceiptKind.DELIVERED) {
                receipts.putIfAbsent(receipt.value().getSignalId() + "|" + receipt.value().getCountry(),
                        receipt.value().getAt());
            }
        }
        List<Delivery> rows = new ArrayList<>();
        for (RoutingDecision decision : values(history.decisions(), d -> selection.signal(d.getSignalId()))) {
            rows.add(new Delivery(decision.getSignalId(), decision.getOriginCountry(), decision.getDestination(),
                    decision.getOutcome().name(), decision.getPolicyVersion(), decision.getRuleIds(),
                    decision.getReason(), decision.getRedactedFields(), decision.getDecidedAt(),
                    delivered.get(decision.getDecisionId()),
                    receipts.get(decision.getSignalId() + "|" + decision.getDestination())));
        }
        rows.sort(Comparator.comparing(Delivery::decidedAt).thenComparing(Delivery::destination));
        return rows;
    }

    private static Map<String, Integer> counts(List<TimelineEvent> events) {
        Map<EventKind, Integer> byKind = new EnumMap<>(EventKind.class);
        events.forEach(event -> byKind.merge(event.kind(), 1, Integer::sum));
        Map<String, Integer> counts = new LinkedHashMap<>();
        byKind.forEach((kind, count) -> counts.put(kind.name(), count));
        return counts;
    }

    private static String title(TimelineQuery query) {
        if (query.isCase()) {
            return "Case " + query.caseId();
        }
        StringBuilder title = new StringBuilder("Timeline " + query.range());
        if (query.country() != null) {
            title.append(" · ").append(query.country());
        }
        if (query.category() != null) {
            title.append(" · ").append(query.category());
        }
        return title.toString();
    }
}
