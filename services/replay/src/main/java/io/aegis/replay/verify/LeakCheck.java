package io.aegis.replay.verify;

import io.aegis.kafka.crypto.CanonicalHash;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.policy.Members;
import io.aegis.policy.leak.DisclosureChecker;
import io.aegis.policy.leak.LeakChecker;
import io.aegis.policy.leak.PolicyHistory;
import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.schema.response.Notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The non-leak check of {@code verify}: every copy on {@code aegis.inbox.X} is handed, with the
 * routing audit, the signals and downgrades as their origins published them and every policy
 * version on record, to the network's one independent {@link LeakChecker}. It re-reads the recorded
 * policy itself (no router code), so an embargoed copy released on time passes and one released
 * early, or one no policy allowed, is a violation. Without a member list it cannot expand groups,
 * so the re-reading is skipped and said so.
 */
final class LeakCheck {

    private LeakCheck() {
    }

    static int check(RecordedHistory history, Optional<Members> members, List<Violation> out, List<String> unchecked) {
        PolicyHistory policies = new PolicyHistory();
        history.policies().forEach(p -> policies.add(p.value()));
        LeakChecker.Result result = new LeakChecker(members.orElse(null), policies).check(inboxCopies(history),
                history.decisions().stream().map(Recorded::value).toList(),
                // only signals whose content still matches their hash: a tampered outbox is the content-hash
                // check's finding, and must not make the copies made from the genuine signal look altered
                history.signals().stream().map(Recorded::value)
                        .filter(s -> CanonicalHash.contentHash(s.getContent()).equals(s.getContentHash())).toList(),
                history.retractions().stream().map(Recorded::value).toList());
        result.findings().forEach(f -> out.add(new Violation("non-leak", f.source(), "signal " + f.signalId() + ": " + f.message())));
        result.unchecked().forEach(note -> unchecked.add("non-leak: " + note));
        return result.copiesChecked();
    }

    /**
     * Need to know on the case path: each member's case copies (on its inbox) and notifications name
     * only signals and origins its inbox shows it was given. Returns how many records were checked.
     */
    static int checkDisclosures(RecordedHistory history, List<Violation> out, List<String> unchecked) {
        Map<String, String> originOf = new HashMap<>();
        history.decisions().forEach(d -> originOf.put(d.value().getSignalId(), d.value().getOriginCountry()));
        history.signals().forEach(s -> originOf.put(s.value().getId(), s.value().getOriginCountry()));
        List<DisclosureChecker.CaseCopy> cases = history.caseCopies().stream()
                .map(r -> new DisclosureChecker.CaseCopy(countryOf(r, TopicNames.INBOX_PREFIX), r.source(), r.value())).toList();
        // a member's notifications are judged against its inbox: where the inbox was not read, they are not judged
        Set<String> unreadInboxes = new HashSet<>();
        history.unreadableTopics().stream().filter(t -> t.contains(TopicNames.INBOX_PREFIX))
                .forEach(t -> unreadInboxes.add(TopicNames.countryOf(t.substring(t.lastIndexOf(TopicNames.INBOX_PREFIX)))));
        Set<String> unread = new TreeSet<>();
        List<DisclosureChecker.NotificationCopy> notifications = new ArrayList<>();
        for (Recorded<Notification> r : history.notifications()) {
            String country = countryOf(r, TopicNames.NOTIFY_PREFIX);
            if (unreadInboxes.contains(country)) {
                unread.add(country);
            } else {
                notifications.add(new DisclosureChecker.NotificationCopy(country, r.source(), r.value()));
            }
        }
        if (!unread.isEmpty()) {
            unchecked.add("need-to-know: the notifications of " + String.join(", ", unread) + " were not checked: their"
                    + " inboxes, which say what they were given, were not read");
        }
        new DisclosureChecker(inboxCopies(history), originOf).check(cases, notifications)
                .forEach(f -> out.add(new Violation("need-to-know", f.source(), f.signalId() + ": " + f.message())));
        return cases.size() + notifications.size();
    }

    /** Every signal copy found on an inbox, as the checkers take it. */
    private static List<LeakChecker.InboxCopy> inboxCopies(RecordedHistory history) {
        return history.deliveries().stream().map(r -> new LeakChecker.InboxCopy(countryOf(r, TopicNames.INBOX_PREFIX),
                r.source(), Instant.ofEpochMilli(r.timestamp()), r.value())).toList();
    }

    /** The country of a per-country topic such as {@code sandbox.aegis.inbox.FR}, whatever its namespace. */
    private static String countryOf(Recorded<?> recorded, String prefix) {
        return TopicNames.countryOf(recorded.topic().substring(recorded.topic().lastIndexOf(prefix)));
    }
}
