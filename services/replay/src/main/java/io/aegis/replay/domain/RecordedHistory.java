package io.aegis.replay.domain;

import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything read back from the topics for one report, decoded, per contract ({@code caseCopies}:
 * the case states members found on their own inboxes). {@code notes} says
 * what could not be read (a topic the operator may not read, a record that did not decode), so a
 * report never looks more complete than it is; {@code unreadableTopics} names the topics among
 * them that could not be read at all, for checks that must say which evidence they did not see;
 * {@code undecodable} names each record that did not decode ({@code topic/partition@offset: reason}).
 */
public record RecordedHistory(
        List<Recorded<ThreatSignal>> signals,
        List<Recorded<Retraction>> retractions,
        List<Recorded<RoutingDecision>> decisions,
        List<Recorded<SharedSignal>> deliveries,
        List<Recorded<CoordinationSignal>> coordination,
        List<Recorded<Escalation>> escalations,
        List<Recorded<EmergencyCase>> cases,
        List<Recorded<CaseEvent>> caseEvents,
        List<Recorded<Notification>> notifications,
        List<Recorded<CaseCommand>> commands,
        List<Recorded<Receipt>> receipts,
        List<Recorded<SharingPolicy>> policies,
        List<Recorded<EmergencyCase>> caseCopies,
        List<String> notes,
        List<String> unreadableTopics,
        List<String> undecodable) {

    /** An empty, mutable history to fill while reading. */
    public static RecordedHistory empty() {
        return new RecordedHistory(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
    }

    /** Number of contract records held (policies, read whatever the range, included). */
    public int size() {
        return signals.size() + retractions.size() + decisions.size() + deliveries.size() + coordination.size()
                + escalations.size() + cases.size() + caseEvents.size() + notifications.size() + commands.size()
                + receipts.size() + policies.size() + caseCopies.size();
    }
}
