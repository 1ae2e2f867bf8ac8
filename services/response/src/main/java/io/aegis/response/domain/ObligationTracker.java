package io.aegis.response.domain;

import io.aegis.response.domain.Notifier.Message;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.Obligation;
import io.aegis.schema.response.ObligationState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a case's regulatory clocks: starts those whose rule selects the case, reminds officers when
 * an obligation falls due soon, tells them when it is overdue, and marks it met when its completion
 * happens (late completion still counts, and says so). Obligations keep running after a case is
 * resolved. A per-country clock (a rule obligating the reporting countries) belongs to one country:
 * only that country's officers are reminded of it, and only its own report meets it; a country that
 * starts reporting later gets its clock from then. A per-country rule that started before any
 * reporter was known, or on a record written before clocks were per country, runs as one clock for
 * the case (country null), met by any involved country's report.
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

    /**
     * Marks met the open REPORT obligations of this id that the actor's country answers for: its own
     * clock and a case-wide one; false when there is none (another country's clock stays open).
     */
    boolean meetReport(Transition step, String obligationId, Actor actor) {
        List<Obligation> open = step.kase().getObligations().stream()
                .filter(o -> o.getId().equals(obligationId) && isOpen(o))
                .filter(o -> o.getCountry() == null || o.getCountry().equals(actor.country()))
                .filter(o -> settings.obligation(o.getId()).map(r -> r.completion() == Completion.REPORT).orElse(false))
                .toList();
        open.forEach(obligation -> markMet(step, obligation, actor));
        return !open.isEmpty();
    }

    /**
     * Starts, from now, every clock the case now calls for: those of the rules that select it, and
     * for a rule already running on it, the clocks of reporting countries that have none yet. Returns
     * the clocks started, in rule order.
     */
    List<Obligation> start(EmergencyCase kase, Instant now) {
        List<Obligation> started = new ArrayList<>();
        for (ObligationRule rule : settings.obligations()) {
            List<Obligation> running = kase.getObligations().stream().filter(o -> o.getId().equals(rule.id())).toList();
            if (running.isEmpty() && !rule.selects(kase)) {
                continue;
            }
            for (String country : obligated(rule, kase, running)) {
                if (running.stream().noneMatch(o -> Objects.equals(o.getCountry(), country))) {
                    Obligation clock = new Obligation(rule.id(), rule.description(), now.plus(rule.due()),
                            ObligationState.PENDING, country);
                    kase.getObligations().add(clock);
                    started.add(clock);
                }
            }
        }
        return started;
    }

    /** Tells the officers answering for each clock just started what is now asked of them, and why. */
    void announceStarted(Transition step, List<Obligation> started, String why) {
        for (Obligation obligation : started) {
            notifier.toContacts(step, answering(step.kase(), obligation), new Message(NotificationKind.OBLIGATION_DUE,
                    "Obligation " + obligation.getId() + " (" + obligation.getDescription() + ") started: " + why
                            + "; due at " + obligation.getDueAt() + ".", ask(obligation), obligation.getDueAt()));
        }
    }

    /** How started clocks are named in case events (coordination centre only): "id", or "id/CC" for a country's own. */
    static List<String> labels(List<Obligation> obligations) {
        return obligations.stream().map(ObligationTracker::label).toList();
    }

    private static String label(Obligation obligation) {
        return obligation.getCountry() == null ? obligation.getId() : obligation.getId() + "/" + obligation.getCountry();
    }

    /** The countries with their own clock of the rule, or a single null for one clock for the case. */
    private static List<String> obligated(ObligationRule rule, EmergencyCase kase, List<Obligation> running) {
        boolean caseWide = !rule.perCountry() || kase.getReportingCountries().isEmpty()
                || running.stream().anyMatch(o -> o.getCountry() == null);
        List<String> countries = new ArrayList<>();
        if (caseWide) {
            countries.add(null);
        } else {
            countries.addAll(kase.getReportingCountries());
        }
        return countries;
    }

    /** Who is told about a clock: its country, or every involved country for a case-wide one. */
    private static Collection<String> answering(EmergencyCase kase, Obligation obligation) {
        return obligation.getCountry() == null ? kase.getInvolvedCountries() : List.of(obligation.getCountry());
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
        String detail = "Obligation " + obligation.getId() + of(obligation) + " (" + obligation.getDescription() + ") " + when;
        step.record(type, Actor.SYSTEM, detail, attributes(obligation, "dueAt",
                obligation.getDueAt().toString()));
        notifier.toContacts(step, answering(step.kase(), obligation),
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
        step.record(CaseEventType.OBLIGATION_MET, actor, "Obligation " + obligation.getId() + of(obligation) + " met"
                + (late ? " late (was due " + obligation.getDueAt() + ")" : ""),
                attributes(obligation, "late", Boolean.toString(late)));
    }

    /** Case events name a clock's country: aegis.case-events is read by the coordination centre only. */
    private static String of(Obligation obligation) {
        return obligation.getCountry() == null ? "" : " of " + obligation.getCountry();
    }

    private static Map<String, String> attributes(Obligation obligation, String key, String value) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("obligation", obligation.getId());
        if (obligation.getCountry() != null) {
            attributes.put("country", obligation.getCountry());
        }
        attributes.put(key, value);
        return attributes;
    }

    private Instant reminderAt(Obligation obligation) {
        Duration lead = settings.obligation(obligation.getId()).map(ObligationRule::dueSoon).orElse(Duration.ZERO);
        return obligation.getDueAt().minus(lead);
    }

    private static boolean isOpen(Obligation obligation) {
        return obligation.getState() != ObligationState.MET;
    }
}
