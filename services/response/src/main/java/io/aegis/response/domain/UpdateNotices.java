package io.aegis.response.domain;

import io.aegis.response.domain.Notifier.Message;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.NotificationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coalesces the CASE_UPDATED notifications of a case, so that a busy group does not page its officers
 * for every new signal: what group updates add (signals, joining countries) is kept pending on the case
 * and told to the countries already on it at most once per interval — at once when the last update
 * notice is an interval old (or there was none), otherwise by the tick at last notice + interval.
 * Countries that joined within the pending batch are not told it: they were just sent the case as it
 * stood. Each country's text follows {@link CaseCopies}' need to know: a new signal and its origin are
 * named only where that country may know them, and so are the countries that joined; the rest is counted.
 */
final class UpdateNotices {

    private final Duration interval;
    private final Notifier notifier;

    UpdateNotices(Duration interval, Notifier notifier) {
        this.interval = interval;
        this.notifier = notifier;
    }

    /** Adds what a group update changed to the pending batch, and tells it if an interval has passed. */
    void note(Transition step, List<String> signals, List<String> joined) {
        EmergencyCase kase = step.kase();
        List<String> pendingSignals = new ArrayList<>(kase.getPendingUpdateSignals());
        CaseFacts.addNew(pendingSignals, signals);
        kase.setPendingUpdateSignals(pendingSignals);
        List<String> pendingCountries = new ArrayList<>(kase.getPendingUpdateCountries());
        CaseFacts.addNew(pendingCountries, joined);
        kase.setPendingUpdateCountries(pendingCountries);
        flushIfDue(step);
    }

    /** When the pending batch is due; empty when nothing is pending. */
    Optional<Instant> nextDue(EmergencyCase kase) {
        if (kase.getPendingUpdateSignals().isEmpty() && kase.getPendingUpdateCountries().isEmpty()) {
            return Optional.empty();
        }
        Instant last = kase.getUpdateNotifiedAt();
        return Optional.of(last == null ? kase.getUpdatedAt() : last.plus(interval));
    }

    /** Tells the pending batch once it is due. */
    void flushIfDue(Transition step) {
        nextDue(step.kase()).filter(due -> !due.isAfter(step.now())).ifPresent(due -> flush(step));
    }

    private void flush(Transition step) {
        EmergencyCase kase = step.kase();
        List<String> signals = List.copyOf(kase.getPendingUpdateSignals());
        List<String> joined = List.copyOf(kase.getPendingUpdateCountries());
        Instant since = kase.getUpdateNotifiedAt();
        List<String> told = kase.getInvolvedCountries().stream().filter(country -> !joined.contains(country)).toList();
        kase.setPendingUpdateSignals(new ArrayList<>());
        kase.setPendingUpdateCountries(new ArrayList<>());
        kase.setUpdateNotifiedAt(step.now());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("signals", String.join(",", signals));
        attributes.put("joined", String.join(",", joined));
        attributes.put("since", since == null ? "" : since.toString());
        // aegis.case-events is read by the coordination centre and its operators only, never by a
        // member's node (infra/acls.yaml), so this record may name every signal and country
        step.record(CaseEventType.OTHER, Actor.SYSTEM, "Case update told to " + told + ": " + signals.size()
                + " new signal(s) " + signals + ", countries joined: " + (joined.isEmpty() ? "none" : joined), attributes);
        notifier.toContacts(step, told, new Message(NotificationKind.CASE_UPDATED,
                country -> text(step, country, signals, joined, since), "", null));
    }

    /** One country's account of the batch: the threat first, then what changed as it may know it. */
    private static String text(Transition step, String country, List<String> signals, List<String> joined,
                               Instant since) {
        EmergencyCase kase = step.kase();
        List<String> named = new ArrayList<>();
        signals.forEach(id -> CaseCopies.signalNamedTo(kase, id, country, step.now()).ifPresent(named::add));
        int unnamed = signals.size() - named.size();
        String news = signals.size() + " new signal(s)" + (named.isEmpty() ? "" : ": " + String.join(", ", named))
                + (unnamed == 0 ? "" : (named.isEmpty() ? ", " : "; ") + unnamed + " from members who did not share them with you");
        List<String> nameable = CaseCopies.involvedNamedTo(kase, country, step.now());
        List<String> joinedNamed = joined.stream().filter(nameable::contains).toList();
        int joinedUnnamed = joined.size() - joinedNamed.size();
        String joins = joined.isEmpty() ? "no country joined"
                : "countries joined: " + (joinedNamed.isEmpty() ? "" : String.join(", ", joinedNamed))
                + (joinedUnnamed == 0 ? "" : (joinedNamed.isEmpty() ? "" : " and ") + joinedUnnamed + " not named to you");
        return CaseHeadline.threat(kase) + ". Case " + kase.getCaseId() + " at " + kase.getTier() + " grew since "
                + (since == null ? "it opened" : "the last update (" + since + ")") + ": " + news + "; " + joins
                + ". The group now counts " + kase.getSignalCount() + " signal(s) over " + kase.getWindow()
                + ", highest severity " + kase.getMaxSeverity() + ". "
                + CaseCopies.reportersText(kase, country, step.now()) + ".";
    }
}
