package io.aegis.response.domain;

import static io.aegis.response.domain.CaseFacts.addNew;

import io.aegis.response.domain.Notifier.Message;
import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.SignalDisclosure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the open case of a correlation group that merged into another group (the escalation's
 * {@code absorbedGroups}) into the survivor's case: the survivor's case takes in the absorbed case's
 * signals, their need-to-know facts, its reporting and involved countries (joining countries are asked
 * to acknowledge and to vote, as on any merge, and the officers already on it hear of the new signals,
 * coalesced), and the absorbed case is resolved as "merged into &lt;survivor case id&gt;", its officers told
 * where the incident continues (its proposals still open are rejected, as on any resolution; its officers
 * propose again on the survivor's case). Invariants: afterwards each signal of the two is listed on the survivor's
 * case, which is open, and on no other open case; notifications name a signal or country only where
 * {@link CaseCopies} lets the reader know it (the resolution notice names neither).
 */
final class CaseFolding {

    /** The two cases' new states and what each step produced. */
    record Fold(CaseOutcome survivor, CaseOutcome absorbed) {
    }

    private final Notifier notifier;
    private final EscalationHandler escalations;
    private final UpdateNotices updates;

    CaseFolding(Notifier notifier, EscalationHandler escalations, UpdateNotices updates) {
        this.notifier = notifier;
        this.escalations = escalations;
        this.updates = updates;
    }

    Fold fold(EmergencyCase survivor, EmergencyCase absorbed, Instant now) {
        return new Fold(takeIn(survivor, absorbed, now), resolve(absorbed, survivor.getCaseId(), now));
    }

    /** The survivor's half: takes in the absorbed case's signals, facts and countries (as it was before resolution). */
    CaseOutcome takeIn(EmergencyCase current, EmergencyCase absorbed, Instant now) {
        Transition step = new Transition(current, now);
        EmergencyCase kase = step.kase();
        List<String> newSignals = new ArrayList<>(addNew(kase.getSignalIds(), absorbed.getSignalIds()));
        Set<String> known = new HashSet<>();
        kase.getDisclosures().forEach(signal -> known.add(signal.getSignalId()));
        List<SignalDisclosure> facts = new ArrayList<>(kase.getDisclosures());
        for (SignalDisclosure signal : absorbed.getDisclosures()) {
            if (known.add(signal.getSignalId())) {
                facts.add(signal);
                if (!newSignals.contains(signal.getSignalId())) {
                    newSignals.add(signal.getSignalId());
                }
            }
        }
        kase.setDisclosures(facts);
        List<String> reporters = new ArrayList<>(kase.getReportingCountries());
        addNew(reporters, absorbed.getReportingCountries());
        kase.setReportingCountries(reporters.stream().sorted().toList());
        List<String> joined = addNew(kase.getInvolvedCountries(), absorbed.getInvolvedCountries());
        kase.setInvolvedCount(kase.getInvolvedCountries().size());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("absorbedCaseId", absorbed.getCaseId());
        attributes.put("absorbedCorrelationKey", absorbed.getCorrelationKey());
        attributes.put("newSignals", String.join(",", newSignals));
        attributes.put("joined", String.join(",", joined));
        // aegis.case-events is read by the coordination centre only: it may name every signal and country
        step.record(CaseEventType.OTHER, Actor.SYSTEM, "Case " + absorbed.getCaseId() + " of "
                + absorbed.getCorrelationKey() + " folded in (its group merged into this one): " + newSignals.size()
                + " new signal(s) " + newSignals + ", countries joined: " + (joined.isEmpty() ? "none" : joined), attributes);
        if (kase.getState() == CaseState.RESOLVED) {
            // resolved between the request and the hand-over (another task, milliseconds): never reopened here
            return step.outcome();
        }
        escalations.welcome(step, joined, country -> CaseHeadline.threat(kase) + ". Your country now takes part in this case at "
                + kase.getTier() + ": the incident of case " + absorbed.getCaseId() + ", in which your country took part, "
                + "turned out to be this one and continues here. " + CaseCopies.reportersText(kase, country, now) + ".");
        updates.note(step, newSignals, joined);
        return step.outcome();
    }

    /** The absorbed case's half: resolved as merged into {@code survivorCaseId}, its officers told where to follow it. */
    CaseOutcome resolve(EmergencyCase current, String survivorCaseId, Instant now) {
        Transition step = new Transition(current, now);
        EmergencyCase kase = step.kase();
        kase.setState(CaseState.RESOLVED);
        kase.setAckDeadline(null);
        kase.setResolution("merged into " + survivorCaseId);
        kase.setPendingUpdateSignals(new ArrayList<>());
        kase.setPendingUpdateCountries(new ArrayList<>());
        step.record(CaseEventType.RESOLVED, Actor.SYSTEM, "Case resolved: merged into " + survivorCaseId
                + " (its group merged into that case's group)", Map.of("mergedInto", survivorCaseId));
        for (JointAction action : kase.getActions()) {
            if (action.getState() == ActionState.PROPOSED) {
                ActionHandler.close(step, action, ActionState.REJECTED, "case merged into " + survivorCaseId + " before a decision");
            }
        }
        // names no signal or country: every officer told may read it as it is
        notifier.toContacts(step, kase.getInvolvedCountries(), new Message(NotificationKind.CASE_RESOLVED,
                "Case resolved: merged into " + survivorCaseId + ". Its incident turned out to be the one of case "
                        + survivorCaseId + ", which your country now takes part in: follow it there.", "", null));
        return step.outcome();
    }
}
