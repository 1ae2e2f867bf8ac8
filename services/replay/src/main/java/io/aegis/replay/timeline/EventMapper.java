package io.aegis.replay.timeline;

import io.aegis.replay.domain.Recorded;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns each contract record into the timeline event an operator reads; pure functions. */
final class EventMapper {

    private EventMapper() {
    }

    static TimelineEvent signal(Recorded<ThreatSignal> recorded) {
        ThreatSignal signal = recorded.value();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("category", signal.getContent().getCategory().name());
        details.put("severity", Integer.toString(signal.getContent().getSeverity()));
        details.put("tlp", signal.getContent().getTlp().name());
        details.put("contentHash", signal.getContentHash());
        details.put("agency", signal.getOriginAgency());
        return new TimelineEvent(signal.getSubmittedAt(), EventKind.SIGNAL, recorded.source(), signal.getId(), null,
                null, signal.getOriginCountry(), signal.getOriginAgency(), null,
                signal.getOriginCountry() + " published " + signal.getContent().getCategory() + " \""
                        + signal.getContent().getTitle() + "\"", details);
    }

    static TimelineEvent retraction(Recorded<Retraction> recorded) {
        Retraction retraction = recorded.value();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kind", retraction.getKind().name());
        details.put("reason", retraction.getReason());
        return new TimelineEvent(retraction.getIssuedAt(), EventKind.RETRACTION, recorded.source(),
                retraction.getSignalId(), null, null, retraction.getOriginCountry(), retraction.getOriginAgency(), null,
                retraction.getKind() + " of " + retraction.getSignalId() + ": " + retraction.getReason(), details);
    }

    static TimelineEvent decision(Recorded<RoutingDecision> recorded) {
        RoutingDecision decision = recorded.value();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("outcome", decision.getOutcome().name());
        details.put("policyVersion", Integer.toString(decision.getPolicyVersion()));
        details.put("rules", String.join(",", decision.getRuleIds()));
        details.put("reason", decision.getReason());
        details.put("hash", decision.getHash());
        return new TimelineEvent(decision.getDecidedAt(), EventKind.ROUTING, recorded.source(), decision.getSignalId(),
                null, null, decision.getDestination(), null, null,
                decision.getOutcome() + " " + decision.getOriginCountry() + " → " + decision.getDestination()
                        + " (policy v" + decision.getPolicyVersion() + ", " + String.join(",", decision.getRuleIds())
                        + ")", details);
    }

    static TimelineEvent delivery(Recorded<SharedSignal> recorded) {
        SharedSignal shared = recorded.value();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("decisionId", shared.getDecisionId());
        details.put("policyVersion", Integer.toString(shared.getPolicyVersion()));
        details.put("redacted", String.join(",", shared.getRedactedFields()));
        return new TimelineEvent(shared.getSharedAt(), EventKind.DELIVERY, recorded.source(), shared.getSignalId(),
                null, null, shared.getDestination(), null, null,
                "delivered to inbox of " + shared.getDestination(), details);
    }

    static TimelineEvent receipt(Recorded<Receipt> recorded) {
        Receipt receipt = recorded.value();
        return new TimelineEvent(receipt.getAt(), EventKind.RECEIPT, recorded.source(), receipt.getSignalId(), null,
                null, receipt.getCountry(), receipt.getNodeId(), null,
                receipt.getCountry() + " confirmed " + receipt.getKind(), Map.of("kind", receipt.getKind().name()));
    }

    static TimelineEvent coordination(Recorded<CoordinationSignal> recorded) {
        CoordinationSignal signal = recorded.value();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("level", signal.getLevel().name());
        details.put("category", signal.getCategory().name());
        details.put("severity", Integer.toString(signal.getSeverity()));
        return new TimelineEvent(signal.getSubmittedAt(), EventKind.COORDINATION, recorded.source(),
                signal.getSignalId(), null, recorded.key(), signal.getOriginCountry(), null, null,
                (signal.getRetracted() ? "retracted from" : "entered") + " coordination as " + signal.getLevel()
                        + " under " + recorded.key(), details);
    }

    static TimelineEvent escalation(Recorded<Escalation> recorded) {
        Escalation escalation = recorded.value();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("previousTier", escalation.getPreviousTier() == null ? "" : escalation.getPreviousTier().name());
        details.put("rules", String.join(",", escalation.getRules()));
        details.put("signals", String.join(",", escalation.getSignalIds()));
        details.put("countries", String.join(",", escalation.getCountries()));
        String summary = escalation.getDisclosureUpdate()
                ? escalation.getCorrelationKey() + " stays " + escalation.getTier() + ", need to know narrowed: " + escalation.getReason()
                : escalation.getGroupUpdate()
                ? escalation.getCorrelationKey() + " stays " + escalation.getTier() + ", " + escalation.getReason()
                : escalation.getCorrelationKey() + " → " + escalation.getTier() + ": " + escalation.getReason();
        return new TimelineEvent(escalation.getEscalatedAt(), EventKind.ESCALATION, recorded.source(), null, null,
                escalation.getCorrelationKey(), null, null, escalation.getTier().name(), summary, details);
    }

    static TimelineEvent caseEvent(Recorded<CaseEvent> recorded) {
        CaseEvent event = recorded.value();
        Map<String, String> details = new LinkedHashMap<>(event.getAttributes());
        details.put("sequence", Long.toString(event.getSequence()));
        details.put("hash", event.getHash());
        return new TimelineEvent(event.getAt(), EventKind.CASE, recorded.source(), null, event.getCaseId(), null,
                event.getActorCountry(), event.getActorOfficer(), event.getTier().name(),
                event.getType() + (event.getDetail().isEmpty() ? "" : ": " + event.getDetail()), details);
    }

    static TimelineEvent notification(Recorded<Notification> recorded) {
        Notification notification = recorded.value();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kind", notification.getKind().name());
        details.put("ask", notification.getAsk());
        details.put("level", Integer.toString(notification.getEscalationLevel()));
        details.put("deadline", notification.getDeadline() == null ? "" : notification.getDeadline().toString());
        return new TimelineEvent(notification.getCreatedAt(), EventKind.NOTIFICATION, recorded.source(), null,
                notification.getCaseId(), null, notification.getCountry(), notification.getOfficerId(),
                notification.getTier().name(), notification.getKind() + " to " + notification.getOfficerId()
                        + " (" + notification.getCountry() + "): " + notification.getMessage(), details);
    }

    static TimelineEvent command(Recorded<CaseCommand> recorded) {
        CaseCommand command = recorded.value();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("type", command.getType().name());
        if (command.getVote() != null) {
            details.put("vote", command.getVote().name());
        }
        if (command.getActionId() != null) {
            details.put("actionId", command.getActionId());
        }
        return new TimelineEvent(command.getIssuedAt(), EventKind.COMMAND, recorded.source(), null, command.getCaseId(),
                null, command.getCountry(), command.getOfficerId(), null,
                command.getOfficerId() + " (" + command.getCountry() + ") sent " + command.getType()
                        + (command.getVote() == null ? "" : " " + command.getVote()), details);
    }
}
