package io.aegis.response.domain;

import io.aegis.response.domain.Notifier.Message;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.NotificationKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes time move a case: when the acknowledgement deadline passes, the countries that have not
 * acknowledged are re-escalated to their next roster level with a fresh deadline, and this repeats
 * (at the last level) until they do — a case never stalls silently. Also runs the obligation clocks
 * and sends the coalesced update notices once due ({@link UpdateNotices}).
 */
final class DeadlineHandler {

    private final ResponseSettings settings;
    private final Notifier notifier;
    private final ObligationTracker obligations;
    private final UpdateNotices updates;

    DeadlineHandler(ResponseSettings settings, Notifier notifier, ObligationTracker obligations, UpdateNotices updates) {
        this.settings = settings;
        this.notifier = notifier;
        this.obligations = obligations;
        this.updates = updates;
    }

    CaseOutcome tick(EmergencyCase current, Instant now) {
        Transition step = new Transition(current, now);
        ackRound(step);
        obligations.tick(step);
        updates.flushIfDue(step);
        return step.outcome();
    }

    /** The next moment this case changes by itself: its ack deadline, an obligation's clock or an update notice. */
    Optional<Instant> nextDue(EmergencyCase kase) {
        Instant ack = kase.getState() == CaseState.OPEN ? kase.getAckDeadline() : null;
        return Stream.of(Stream.ofNullable(ack), obligations.nextDue(kase).stream(), updates.nextDue(kase).stream())
                .flatMap(due -> due).min(Instant::compareTo);
    }

    private void ackRound(Transition step) {
        EmergencyCase kase = step.kase();
        Instant deadline = kase.getAckDeadline();
        if (kase.getState() != CaseState.OPEN || deadline == null || step.now().isBefore(deadline)) {
            return;
        }
        List<String> silent = kase.getInvolvedCountries().stream()
                .filter(country -> kase.getAcknowledgements().stream().noneMatch(ack -> ack.getCountry().equals(country)))
                .toList();
        int level = kase.getEscalationLevel() + 1;
        step.record(CaseEventType.ACK_OVERDUE, Actor.SYSTEM, "No acknowledgement by " + deadline + " from "
                + String.join(", ", silent) + " at level " + kase.getEscalationLevel() + " (" + levelName(kase.getEscalationLevel())
                + ")", Map.of("countries", String.join(",", silent), "deadline", deadline.toString()));
        kase.setEscalationLevel(level);
        kase.setAckDeadline(step.now().plus(settings.ackDeadlineFor(kase.getTier())));
        step.record(CaseEventType.REESCALATED, Actor.SYSTEM, "Re-escalated to level " + level + " (" + levelName(level)
                + ") for " + String.join(", ", silent), Map.of("level", Integer.toString(level),
                "countries", String.join(",", silent)));
        notifier.toLevel(step, silent, level, new Message(NotificationKind.REESCALATED,
                "Case " + kase.getCaseId() + " at " + kase.getTier() + " was not acknowledged by " + deadline
                        + "; you are now asked as " + levelName(level) + ".", "acknowledge", kase.getAckDeadline()));
    }

    static String levelName(int level) {
        return switch (level) {
            case 0 -> "primary";
            case 1 -> "backup";
            default -> "roster level " + level;
        };
    }
}
