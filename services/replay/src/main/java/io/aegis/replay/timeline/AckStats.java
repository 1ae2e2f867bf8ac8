package io.aegis.replay.timeline;

import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Time-to-acknowledge per officer and tier. A request is a notification asking an officer to act on
 * a case; it is answered by that officer's first ACKNOWLEDGED case event at or after it. When the
 * notifications could not be read, the request time falls back to the case event that raised the
 * need to acknowledge (OPENED, TIER_RAISED, REESCALATED, NOTIFIED) before the acknowledgement.
 */
final class AckStats {

    private static final Set<NotificationKind> REQUESTS = EnumSet.of(NotificationKind.CASE_OPENED,
            NotificationKind.ACK_REQUESTED, NotificationKind.TIER_RAISED, NotificationKind.REESCALATED);
    private static final Set<CaseEventType> TRIGGERS = EnumSet.of(CaseEventType.OPENED, CaseEventType.TIER_RAISED,
            CaseEventType.REESCALATED, CaseEventType.NOTIFIED);

    private AckStats() {
    }

    static List<AckTime> compute(List<CaseEvent> caseEvents, List<Notification> notifications) {
        List<CaseEvent> acks = caseEvents.stream()
                .filter(event -> event.getType() == CaseEventType.ACKNOWLEDGED && event.getActorOfficer() != null)
                .sorted(Comparator.comparing(CaseEvent::getAt))
                .toList();
        Map<List<String>, List<Long>> waits = new TreeMap<>(Comparator.comparing(Object::toString));
        Map<List<String>, int[]> requests = new TreeMap<>(Comparator.comparing(Object::toString));
        List<CaseEvent> unmatched = new ArrayList<>(acks);
        Set<String> unanswered = new HashSet<>();
        for (Notification request : notifications.stream().filter(n -> REQUESTS.contains(n.getKind()))
                .sorted(Comparator.comparing(Notification::getCreatedAt)).toList()) {
            // A reminder to an officer who has not answered yet is the same request, not a new one.
            if (!unanswered.add(request.getCaseId() + "|" + request.getOfficerId())) {
                continue;
            }
            List<String> key = List.of(request.getOfficerId(), request.getCountry(), request.getTier().name());
            requests.computeIfAbsent(key, k -> new int[1])[0]++;
            Optional<CaseEvent> ack = unmatched.stream().filter(event -> answers(event, request)).findFirst();
            ack.ifPresent(event -> {
                unmatched.remove(event);
                unanswered.remove(request.getCaseId() + "|" + request.getOfficerId());
                waits.computeIfAbsent(key, k -> new ArrayList<>()).add(seconds(request.getCreatedAt(), event.getAt()));
            });
        }
        for (CaseEvent ack : unmatched) {
            triggerBefore(ack, caseEvents).ifPresent(trigger -> {
                List<String> key = List.of(ack.getActorOfficer(), String.valueOf(ack.getActorCountry()), trigger.getTier().name());
                requests.computeIfAbsent(key, k -> new int[1])[0]++;
                waits.computeIfAbsent(key, k -> new ArrayList<>()).add(seconds(trigger.getAt(), ack.getAt()));
            });
        }
        List<AckTime> result = new ArrayList<>();
        requests.forEach((key, count) -> {
            List<Long> times = waits.getOrDefault(key, List.of());
            long mean = times.isEmpty() ? -1 : Math.round(times.stream().mapToLong(Long::longValue).average().orElse(0));
            long max = times.stream().mapToLong(Long::longValue).max().orElse(-1);
            result.add(new AckTime(key.get(0), key.get(1), key.get(2), count[0], times.size(), mean, max));
        });
        return result;
    }

    private static boolean answers(CaseEvent ack, Notification request) {
        return request.getOfficerId().equals(ack.getActorOfficer())
                && request.getCaseId() != null && request.getCaseId().equals(ack.getCaseId())
                && !ack.getAt().isBefore(request.getCreatedAt());
    }

    private static Optional<CaseEvent> triggerBefore(CaseEvent ack, List<CaseEvent> caseEvents) {
        return caseEvents.stream()
                .filter(event -> event.getCaseId().equals(ack.getCaseId()) && TRIGGERS.contains(event.getType()))
                .filter(event -> !event.getAt().isAfter(ack.getAt()))
                .max(Comparator.comparing(CaseEvent::getAt));
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }
}
