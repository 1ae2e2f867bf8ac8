package io.aegis.response.domain;

import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import java.util.List;
import java.util.Optional;

/**
 * What one workflow step produced: the case's new state (empty when no case changed), the case
 * events that led there, in sequence order, and the notifications to send.
 */
public record CaseOutcome(Optional<EmergencyCase> kase, List<CaseEvent> events, List<Notification> notifications) {

    public CaseOutcome {
        events = List.copyOf(events);
        notifications = List.copyOf(notifications);
    }

    public static CaseOutcome none() {
        return new CaseOutcome(Optional.empty(), List.of(), List.of());
    }

    public static CaseOutcome notificationOnly(Notification notification) {
        return new CaseOutcome(Optional.empty(), List.of(), List.of(notification));
    }
}
