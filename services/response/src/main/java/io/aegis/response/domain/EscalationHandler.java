package io.aegis.response.domain;

import static io.aegis.response.domain.CaseFacts.addDisclosures;
import static io.aegis.response.domain.CaseFacts.addNew;
import static io.aegis.response.domain.CaseFacts.attributes;
import static io.aegis.response.domain.CaseFacts.newSignals;
import static io.aegis.response.domain.CaseFacts.reason;

import io.aegis.response.domain.Notifier.Message;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.NotificationKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns escalations into cases: opens a case, or raises the tier of the open case of the same
 * correlation group, or widens it with new signals and countries. A case's tier never falls
 * here; a raise starts a fresh acknowledgement round at the new tier. At CRITICAL every member
 * takes part; a case whose escalation names no country involves every member, so that it is
 * never opened without anyone to tell. A country that joins is asked to vote on the actions still
 * open, since its vote now counts towards their quorum. A disclosure update only narrows what the
 * case's facts let each member know ({@link DisclosureNarrowing}). A group update (a new signal
 * joined the group without raising its tier) makes the case follow its group: it takes the signal,
 * new reporters and the current figures, and the officers already on it hear of it, coalesced
 * ({@link UpdateNotices}). Every escalation or update keeps the group's figures and the title
 * ({@link CaseHeadline}) current.
 */
final class EscalationHandler {

    private final ResponseSettings settings;
    private final Notifier notifier;
    private final List<String> members;
    private final UpdateNotices updates;
    private final ObligationTracker obligations;

    EscalationHandler(ResponseSettings settings, Notifier notifier, List<String> members, UpdateNotices updates,
                      ObligationTracker obligations) {
        this.settings = settings;
        this.notifier = notifier;
        this.members = List.copyOf(members);
        this.updates = updates;
        this.obligations = obligations;
    }

    CaseOutcome open(Escalation escalation, String caseId, Instant now) {
        EmergencyCase blank = EmergencyCase.newBuilder()
                .setCaseId(caseId).setCorrelationKey(escalation.getCorrelationKey())
                .setTier(escalation.getTier()).setState(CaseState.OPEN)
                .setOpenedAt(now).setUpdatedAt(now)
                .setInvolvedCountries(new ArrayList<>()).setSignalIds(new ArrayList<>())
                .setAcknowledgements(new ArrayList<>()).setActions(new ArrayList<>()).setObligations(new ArrayList<>())
                .setAckDeadline(deadline(escalation.getTier(), now)).setEscalationLevel(0)
                .setLastSequence(0).setLastEventHash("")
                .build();
        Transition step = new Transition(blank, now);
        EmergencyCase kase = step.kase();
        addNew(kase.getSignalIds(), escalation.getSignalIds());
        addDisclosures(kase, escalation);
        addNew(kase.getInvolvedCountries(), involved(kase, escalation));
        kase.setInvolvedCount(kase.getInvolvedCountries().size());
        CaseHeadline.keepFigures(kase, escalation);
        List<String> started = startObligations(kase, now);
        step.record(CaseEventType.OPENED, Actor.SYSTEM,
                "Case opened at " + kase.getTier() + " for " + escalation.getCorrelationKey() + ": " + reason(escalation),
                attributes(escalation, started));
        notifier.toContacts(step, kase.getInvolvedCountries(),
                new Message(NotificationKind.CASE_OPENED, why(escalation, step), "acknowledge", kase.getAckDeadline()));
        return step.outcome();
    }

    CaseOutcome merge(EmergencyCase current, Escalation escalation, Instant now) {
        Transition step = new Transition(current, now);
        EmergencyCase kase = step.kase();
        List<String> newSignals = addNew(kase.getSignalIds(), escalation.getSignalIds());
        int newFacts = addDisclosures(kase, escalation);
        boolean refigured = CaseHeadline.keepFigures(kase, escalation);
        if (escalation.getTier().compareTo(kase.getTier()) > 0) {
            return raise(step, escalation);
        }
        List<String> joined = addNew(kase.getInvolvedCountries(), involved(kase, escalation));
        kase.setInvolvedCount(kase.getInvolvedCountries().size());
        List<String> started = startObligations(kase, now);
        if (joined.isEmpty() && newSignals.isEmpty() && newFacts == 0 && started.isEmpty() && !refigured) {
            return CaseOutcome.none();
        }
        Map<String, String> attributes = attributes(escalation, started);
        attributes.put("joined", String.join(",", joined));
        step.record(CaseEventType.OTHER, Actor.SYSTEM, "Escalation " + escalation.getEscalationId() + " merged: "
                + newSignals.size() + " new signal(s), countries joined: " + (joined.isEmpty() ? "none" : joined), attributes);
        welcome(step, joined, why(escalation, step));
        return step.outcome();
    }

    /**
     * A group update on the group's open case: the new signal, its facts, newly reporting countries
     * (who now take part and are told as on any merge) and the group's current figures. The tier is
     * left as it is, whatever the update says: an update is no tier change, and a case lowered by vote
     * stays lowered. The officers already on the case hear of it through {@link UpdateNotices}.
     */
    CaseOutcome follow(EmergencyCase current, Escalation update, Instant now) {
        Transition step = new Transition(current, now);
        EmergencyCase kase = step.kase();
        List<String> newSignals = newSignals(kase, update);
        addNew(kase.getSignalIds(), update.getSignalIds());
        addDisclosures(kase, update);
        List<String> joined = addNew(kase.getInvolvedCountries(), involved(kase, update));
        kase.setInvolvedCount(kase.getInvolvedCountries().size());
        boolean refigured = CaseHeadline.keepFigures(kase, update);
        List<String> started = startObligations(kase, now);
        if (newSignals.isEmpty() && joined.isEmpty() && started.isEmpty() && !refigured) {
            return CaseOutcome.none();
        }
        Map<String, String> attributes = attributes(update, started);
        attributes.put("newSignals", String.join(",", newSignals));
        attributes.put("joined", String.join(",", joined));
        // aegis.case-events is read by the coordination centre and its operators only, never by a
        // member's node (infra/acls.yaml), so this record may name every signal and country
        step.record(CaseEventType.OTHER, Actor.SYSTEM, "Group update " + update.getEscalationId() + " followed: "
                + newSignals.size() + " new signal(s) " + newSignals + ", countries joined: "
                + (joined.isEmpty() ? "none" : joined) + "; " + CaseHeadline.threat(kase), attributes);
        welcome(step, joined, country -> CaseHeadline.threat(kase) + ". Your country now takes part in this case at "
                + kase.getTier() + " (" + reason(update) + "); it was escalated as " + CaseHeadline.fired(kase) + ". "
                + CaseCopies.reportersText(kase, country, now) + " (window " + kase.getWindow() + ").");
        updates.note(step, newSignals, joined);
        return step.outcome();
    }

    /** Countries that joined an open case take part from now: they are asked to acknowledge and to vote. */
    void welcome(Transition step, List<String> joined, Function<String, String> why) {
        if (joined.isEmpty()) {
            return;
        }
        EmergencyCase kase = step.kase();
        if (kase.getState() != CaseState.OPEN) {
            kase.setState(CaseState.OPEN);
            kase.setAckDeadline(deadline(kase.getTier(), step.now()));
        }
        notifier.toLevel(step, joined, 0, new Message(NotificationKind.CASE_OPENED, why, "acknowledge", kase.getAckDeadline()));
        askPendingVotes(step, joined);
    }

    /**
     * A disclosure update (a signal of the group retracted or downgraded by its origin): narrows the
     * facts of the signals the case knows, records it, and so the next member copies stop naming
     * them to members who lost them. Nobody is notified; tier, deadlines and involved countries stay.
     */
    CaseOutcome narrow(EmergencyCase current, Escalation update, Instant now) {
        Transition step = new Transition(current, now);
        List<String> narrowed = DisclosureNarrowing.apply(step.kase(), update.getDisclosures());
        if (narrowed.isEmpty()) {
            return CaseOutcome.none();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("escalationId", update.getEscalationId());
        attributes.put("correlationKey", update.getCorrelationKey());
        attributes.put("narrowed", String.join(",", narrowed));
        step.record(CaseEventType.OTHER, Actor.SYSTEM, "Need to know narrowed by escalation " + update.getEscalationId()
                + " for signal(s) " + narrowed + ": " + reason(update), attributes);
        return step.outcome();
    }

    private CaseOutcome raise(Transition step, Escalation escalation) {
        EmergencyCase kase = step.kase();
        Tier from = kase.getTier();
        kase.setTier(escalation.getTier());
        List<String> joined = addNew(kase.getInvolvedCountries(), involved(kase, escalation));
        kase.setInvolvedCount(kase.getInvolvedCountries().size());
        kase.setAcknowledgements(new ArrayList<>());
        kase.setState(CaseState.OPEN);
        kase.setEscalationLevel(0);
        kase.setAckDeadline(deadline(kase.getTier(), step.now()));
        List<String> started = startObligations(kase, step.now());
        Map<String, String> attributes = attributes(escalation, started);
        attributes.put("from", from.name());
        step.record(CaseEventType.TIER_RAISED, Actor.SYSTEM,
                "Tier raised from " + from + " to " + kase.getTier() + ": " + reason(escalation), attributes);
        notifier.toContacts(step, kase.getInvolvedCountries(),
                new Message(NotificationKind.TIER_RAISED, why(escalation, step), "acknowledge", kase.getAckDeadline()));
        askPendingVotes(step, joined);
        return step.outcome();
    }

    /** Countries joining count towards the quorum of the actions still open, so they are asked to vote too. */
    private void askPendingVotes(Transition step, List<String> joined) {
        for (JointAction action : step.kase().getActions()) {
            if (action.getState() == ActionState.PROPOSED && !joined.isEmpty()) {
                notifier.toLevel(step, joined, 0, new Message(NotificationKind.VOTE_REQUESTED,
                        action.getProposedByCountry() + " proposed " + ActionHandler.describe(action)
                                + " before your country joined the case.",
                        "vote on " + action.getActionId() + " (" + action.getType() + ")", null));
            }
        }
    }

    private List<String> involved(EmergencyCase kase, Escalation escalation) {
        TreeSet<String> countries = new TreeSet<>(kase.getInvolvedCountries());
        countries.addAll(escalation.getCountries());
        if (escalation.getTier() == Tier.CRITICAL || countries.isEmpty()) {
            countries.addAll(members);
        }
        return new ArrayList<>(countries);
    }

    /** Starts the clocks the case now calls for (its figures, tier and reporters as just updated). */
    private List<String> startObligations(EmergencyCase kase, Instant now) {
        return ObligationTracker.labels(obligations.start(kase, now));
    }

    private Instant deadline(Tier tier, Instant now) {
        return now.plus(settings.ackDeadlineFor(tier));
    }

    /**
     * Why each country's officers are told, worded for that country and led by the threat: the
     * reporters it may know and a count of the rest (need to know), never the escalation's full list
     * of countries.
     */
    private static Function<String, String> why(Escalation escalation, Transition step) {
        return country -> CaseHeadline.threat(step.kase()) + ". Escalated to " + escalation.getTier() + ": "
                + reason(escalation) + ". Rules: " + String.join(", ", escalation.getRules()) + ". "
                + CaseCopies.reportersText(step.kase(), country, step.now()) + " (window " + escalation.getWindow() + ").";
    }
}
