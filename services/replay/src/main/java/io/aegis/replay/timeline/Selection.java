package io.aegis.replay.timeline;

import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;

import java.util.HashSet;
import java.util.Set;

/**
 * Decides which signals, correlation groups and cases a timeline is about. For a case: its
 * correlation group, its signals and the signals of its group's escalations. For a range: every
 * signal matching the country and category filters, the escalations that involve them or match
 * the filters, and the cases of those escalations. Without filters, everything in the range.
 */
public final class Selection {

    private final boolean everything;
    private final Set<String> signalIds = new HashSet<>();
    private final Set<String> correlationKeys = new HashSet<>();
    private final Set<String> caseIds = new HashSet<>();

    private Selection(boolean everything) {
        this.everything = everything;
    }

    public static Selection of(TimelineQuery query, RecordedHistory history) {
        if (query.isCase()) {
            return forCase(query.caseId(), history);
        }
        if (query.country() == null && query.category() == null) {
            return new Selection(true);
        }
        Selection selection = new Selection(false);
        selection.selectSignals(query, history);
        for (Recorded<Escalation> escalation : history.escalations()) {
            Escalation value = escalation.value();
            boolean matches = (query.country() == null || value.getCountries().contains(query.country()))
                    && (query.category() == null || value.getCategories().contains(query.category()));
            if (matches || value.getSignalIds().stream().anyMatch(selection.signalIds::contains)) {
                selection.correlationKeys.add(value.getCorrelationKey());
            }
        }
        for (Recorded<EmergencyCase> emergency : history.cases()) {
            if (selection.correlationKeys.contains(emergency.value().getCorrelationKey())) {
                selection.caseIds.add(emergency.value().getCaseId());
            }
        }
        return selection;
    }

    private static Selection forCase(String caseId, RecordedHistory history) {
        Selection selection = new Selection(false);
        selection.caseIds.add(caseId);
        for (Recorded<EmergencyCase> emergency : history.cases()) {
            if (emergency.value().getCaseId().equals(caseId)) {
                selection.correlationKeys.add(emergency.value().getCorrelationKey());
                selection.signalIds.addAll(emergency.value().getSignalIds());
            }
        }
        for (Recorded<Escalation> escalation : history.escalations()) {
            if (selection.correlationKeys.contains(escalation.value().getCorrelationKey())) {
                selection.signalIds.addAll(escalation.value().getSignalIds());
            }
        }
        return selection;
    }

    private void selectSignals(TimelineQuery query, RecordedHistory history) {
        for (Recorded<ThreatSignal> signal : history.signals()) {
            ThreatSignal value = signal.value();
            if (countryMatches(query, value.getOriginCountry()) && categoryMatches(query, value.getContent().getCategory())) {
                signalIds.add(value.getId());
            }
        }
        for (Recorded<CoordinationSignal> signal : history.coordination()) {
            CoordinationSignal value = signal.value();
            if (countryMatches(query, value.getOriginCountry()) && categoryMatches(query, value.getCategory())) {
                signalIds.add(value.getSignalId());
            }
        }
        if (query.category() == null) {
            for (Recorded<RoutingDecision> decision : history.decisions()) {
                if (query.country().equals(decision.value().getDestination())) {
                    signalIds.add(decision.value().getSignalId());
                }
            }
        }
        for (Recorded<SharedSignal> delivery : history.deliveries()) {
            SharedSignal value = delivery.value();
            if (countryMatches(query, value.getDestination()) && categoryMatches(query, value.getContent().getCategory())) {
                signalIds.add(value.getSignalId());
            }
        }
    }

    private static boolean countryMatches(TimelineQuery query, String country) {
        return query.country() == null || query.country().equals(country);
    }

    private static boolean categoryMatches(TimelineQuery query, Object category) {
        return query.category() == null || query.category().equals(category);
    }

    public boolean signal(String signalId) {
        return everything || signalIds.contains(signalId);
    }

    public boolean group(String correlationKey) {
        return everything || correlationKeys.contains(correlationKey);
    }

    public boolean caseId(String caseId) {
        return everything || (caseId != null && caseIds.contains(caseId));
    }

    /** Whether a case event belongs to the selection (case events carry no correlation key). */
    public boolean caseEvent(CaseEvent event) {
        return caseId(event.getCaseId());
    }
}
