package io.aegis.response.domain;

import io.aegis.response.domain.Notifier.Message;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.Obligation;
import io.aegis.schema.response.ObligationState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a case's regulatory clocks: reminds officers when an obligation falls due soon, tells them
 * when it is overdue, and marks it met when its completion happens (late completion still counts,
 * and says so). Obligations keep running after a case is resolved.
 */
final class ObligationTracker {

    private final ResponseSettings settings;
    private final Notifier notifier;

    ObligationTracker(ResponseSettings settings, Notifier notifier) {
        this.settings = settings;
        this.notifier = notifier;
    }

    /** Marks met every open obligation that the given completion meets. */
    void meet(Transition step, Completion completion, Actor actor) {
        for (Obligation obligation : step.kase().getObligations()) {
            boolean matches = settings.obligation(obligation.getId())
                    .map(rule -> rule.completion() == completion).orElse(false);
            if (matches && isOpen(obligation)) {
                markMet(step, obligation, actor);
            }
        }
    }

    /** Marks a REPORT obligation met; false when the case has no such open obligation. */
    boolean meetReport(Transition step, String obligationId, Actor actor) {
        Optional<Obligation> open = step.kase().getObligations().stream()
                .filter(o -> o.getId().equals(obligationId) && isOpen(o))
                .filter(o -> settings.obligation(o.getId()).map(r -> r.completion() == Completion.REPORT).orElse(false))
                .findFirst();
        open.ifPresent(obligation -> markMet(step, obligation, actor));
        return open.isPresent();
    }

    void tick(Transition step) {
        Instant now = step.now();
        for (Obligation obligation : step.kase().getObligations()) {
            if (!isOpen(obligation) || obligation.getState() == ObligationState.OVERDUE) {
                continue;
            }
            if (!now.isBefore(obligation.getDueAt())) {
                obligation.setState(ObligationState.OVERDUE);
                announce(step, obligation, CaseEventType.OBLIGATION_OVERDUE, "overdue since " + obligation.getDueAt());
            } else if (obligation.getState() == ObligationState.PENDING && !now.isBefore(reminderAt(obligation))) {
                obligation.setState(ObligationState.DUE_SOON);
                announce(step, obligation, CaseEventType.OBLIGATION_DUE_SOON, "due at " + obligation.getDueAt());
            }
        }
    }

    /** The next moment an obligation of this case changes by itself, if any. */
    Optional<Instant> nextDue(EmergencyCase kase) {
        return kase.getObligations().stream()
                .map(o -> switch (o.getState()) {
                    case PENDING -> reminderAt(o);
                    case DUE_SOON -> o.getDueAt();
                    default -> null;
                })
                .filter(java.util.Objects::nonNull)
                .min(Instant::compareTo);
    }

    private void announce(Transition step, Obligation obligation, CaseEventType type, String when) {
        String detail = "Obligation " + obligation.getId() + " (" + obligation.getDescription() + ") " + when;
        step.record(type, Actor.SYSTEM, detail, Map.of("obligation", obligation.getId(), "dueAt",
                obligation.getDueAt().toString()));
        notifier.toContacts(step, step.kase().getInvolvedCountries(),
                new Message(NotificationKind.OBLIGATION_DUE, detail + ".", ask(obligation), obligation.getDueAt()));
    }

    private String ask(Obligation obligation) {
        Completion completion = settings.obligation(obligation.getId()).map(ObligationRule::completion)
                .orElse(Completion.REPORT);
        return switch (completion) {
            case ALL_ACKNOWLEDGED -> "acknowledge the case";
            case RESOLUTION -> "resolve the case";
            case REPORT -> "file the report, then comment '#" + obligation.getId() + "' on the case";
        };
    }

    private void markMet(Transition step, Obligation obligation, Actor actor) {
        boolean late = step.now().isAfter(obligation.getDueAt());
        obligation.setState(ObligationState.MET);
        step.record(CaseEventType.OBLIGATION_MET, actor, "Obligation " + obligation.getId() + " met"
                + (late ? " late (was due " + obligation.getDueAt() + ")" : ""),
                Map.of("obligation", obligation.getId(), "late", Boolean.toString(late)));
    }

    private Instant reminderAt(Obligation obligation) {
        Duration lead = settings.obligation(obligation.getId()).map(ObligationRule::dueSoon).orElse(Duration.ZERO);
        return obligation.getDueAt().minus(lead);
    }

    private static boolean isOpen(Obligation obligation) {
        return obligation.getState() != ObligationState.MET;
    }
}
