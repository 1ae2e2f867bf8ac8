package io.aegis.response.domain;

import io.aegis.kafka.avro.AvroTrust;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The joint emergency-response workflow as a deterministic state machine: given the same case,
 * input and instant it always produces the same new case, events and notifications. It opens and
 * raises cases from escalations, applies officers' commands, and moves cases on with time. Plain
 * Java, no I/O: the stream processor stores what it returns and sends what it asks to send.
 * Invariants: a case's events are numbered 1, 2, 3 … and hash-chained; its tier only rises here
 * except by a passed LOWER_TIER vote; an open case always has a next deadline until acknowledged.
 */
public final class CaseWorkflow {

    static {
        // cases are copied through Avro, which must be allowed to load the contract classes
        AvroTrust.trustContracts();
    }

    private final ResponseSettings settings;
    private final EscalationHandler escalations;
    private final CommandHandler commands;
    private final DeadlineHandler deadlines;
    private final CaseFolding folding;

    public CaseWorkflow(ResponseSettings settings, Rosters rosters, List<String> members) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Notifier notifier = new Notifier(rosters);
        ObligationTracker obligations = new ObligationTracker(settings, notifier);
        UpdateNotices updates = new UpdateNotices(settings.updateInterval(), notifier);
        this.escalations = new EscalationHandler(settings, notifier, members, updates, obligations);
        this.commands = new CommandHandler(settings, new ActionHandler(settings, notifier, obligations), obligations);
        this.deadlines = new DeadlineHandler(settings, notifier, obligations, updates);
        this.folding = new CaseFolding(notifier, escalations, updates);
    }

    /**
     * Handles an escalation given the latest case of its correlation group, if any: below the open
     * tier nothing happens; no case or a resolved one opens a new case; an open case is raised or widened.
     * A disclosure update narrows the latest case's need-to-know facts, and does nothing without a case.
     * A group update (a new signal, no tier change) grows the latest case if it is still open, and opens
     * nothing otherwise.
     */
    public CaseOutcome onEscalation(Optional<EmergencyCase> latest, Escalation escalation, Instant now) {
        if (escalation.getDisclosureUpdate()) {
            // narrows the group's latest case, resolved or not; never opens one
            return latest.map(kase -> escalations.narrow(kase, escalation, now)).orElseGet(CaseOutcome::none);
        }
        if (escalation.getGroupUpdate()) {
            // a signal joining after the case was resolved is a new incident: a later step gives it its own
            // group, and so its own case; until then it opens nothing here
            return latest.filter(kase -> kase.getState() != CaseState.RESOLVED)
                    .map(kase -> escalations.follow(kase, escalation, now)).orElseGet(CaseOutcome::none);
        }
        if (latest.isPresent() && latest.get().getState() != CaseState.RESOLVED) {
            return escalations.merge(latest.get(), escalation, now);
        }
        if (escalation.getTier().compareTo(settings.openTier()) < 0) {
            return CaseOutcome.none();
        }
        int number = latest.flatMap(kase -> CaseIds.numberOf(kase.getCaseId())).orElse(0) + 1;
        return escalations.open(escalation, CaseIds.caseId(escalation.getCorrelationKey(), number), now);
    }

    /** What folding one case into another produced: the survivor's step, then the absorbed case's. */
    public record Fold(CaseOutcome survivor, CaseOutcome absorbed) {
    }

    /**
     * The id of the case that goes on with the group of {@code escalation}, given its latest case: that
     * case while it is open, otherwise the id the group's next case gets.
     */
    public String survivorCaseId(Optional<EmergencyCase> latest, Escalation escalation) {
        if (latest.isPresent() && latest.get().getState() != CaseState.RESOLVED) {
            return latest.get().getCaseId();
        }
        int number = latest.flatMap(kase -> CaseIds.numberOf(kase.getCaseId())).orElse(0) + 1;
        return CaseIds.caseId(escalation.getCorrelationKey(), number);
    }

    /**
     * Opens the survivor's case {@code caseId} from the record that named an absorbed group with an open
     * case, whatever the record's tier or kind: the absorbed incident must have somewhere to continue.
     */
    public CaseOutcome openForFold(Escalation escalation, String caseId, Instant now) {
        return escalations.open(escalation, caseId, now);
    }

    /**
     * Folds the open case of an absorbed group into the survivor's open case: the survivor takes in its
     * signals, facts and countries, the absorbed case is resolved as merged into the survivor's (see
     * {@link CaseFolding}). The caller stores both and maps the absorbed group to the survivor's case.
     */
    public Fold fold(EmergencyCase survivor, EmergencyCase absorbed, Instant now) {
        CaseFolding.Fold fold = folding.fold(survivor, absorbed, now);
        return new Fold(fold.survivor(), fold.absorbed());
    }

    /** The absorbed half of {@link #fold}, where the survivor's case lives in another task. */
    public CaseOutcome foldOut(EmergencyCase absorbed, String survivorCaseId, Instant now) {
        return folding.resolve(absorbed, survivorCaseId, now);
    }

    /** The survivor's half of {@link #fold}: {@code absorbed} is the absorbed case as it was before it was resolved. */
    public CaseOutcome foldIn(EmergencyCase survivor, EmergencyCase absorbed, Instant now) {
        return folding.takeIn(survivor, absorbed, now);
    }

    /**
     * A record of a group whose case was folded into {@code kase}, arriving after the fold: it narrows the
     * case, or (while the case is open) grows or raises it; it never opens a case.
     */
    public CaseOutcome onFolded(EmergencyCase kase, Escalation escalation, Instant now) {
        if (!escalation.getDisclosureUpdate() && kase.getState() == CaseState.RESOLVED) {
            return CaseOutcome.none();
        }
        return onEscalation(Optional.of(kase), escalation, now);
    }

    /**
     * Handles a command that arrived on the commands topic of {@code topicCountry}, for the case it
     * names (empty when no such case exists).
     */
    public CaseOutcome onCommand(Optional<EmergencyCase> kase, CaseCommand command, String topicCountry, Instant now) {
        return kase.map(existing -> commands.handle(existing, command, topicCountry, now))
                .orElseGet(() -> CommandHandler.refuseUnknownCase(command, topicCountry, now));
    }

    /** Moves a case on to {@code now}: overdue acknowledgements, obligation clocks and due update notices. */
    public CaseOutcome onTick(EmergencyCase kase, Instant now) {
        return deadlines.tick(kase, now);
    }

    /** When {@link #onTick} next has something to do for this case; empty when nothing is pending. */
    public Optional<Instant> nextDue(EmergencyCase kase) {
        return deadlines.nextDue(kase);
    }
}
