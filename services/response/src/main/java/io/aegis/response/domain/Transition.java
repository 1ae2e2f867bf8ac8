package io.aegis.response.domain;

import io.aegis.kafka.crypto.HashChain;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One workflow step on one case: the working copy of the case, and the events and notifications
 * the step produces. Every event is numbered and hash-chained onto the case as it is recorded,
 * so the case's {@code lastSequence}/{@code lastEventHash} always name the last event emitted.
 */
final class Transition {

    private final EmergencyCase kase;
    private final Instant now;
    private final List<CaseEvent> events = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();

    /** Starts a step on a deep copy of the case, so that the caller's instance is never changed. */
    Transition(EmergencyCase kase, Instant now) {
        this.kase = EmergencyCase.newBuilder(kase).build();
        this.now = now;
    }

    EmergencyCase kase() {
        return kase;
    }

    Instant now() {
        return now;
    }

    boolean hasEvents() {
        return !events.isEmpty();
    }

    /**
     * Records an event, chaining it onto the previous one, and returns it. Sealing goes through
     * {@link HashChain#seal}, whose copy gives the attribute map the same iteration order a reader
     * of the topic rebuilds, so that the chain verifies wherever it is read.
     */
    CaseEvent record(CaseEventType type, Actor actor, String detail, Map<String, String> attributes) {
        long sequence = kase.getLastSequence() + 1;
        CaseEvent draft = CaseEvent.newBuilder()
                .setEventId(kase.getCaseId() + "/" + sequence)
                .setCaseId(kase.getCaseId())
                .setSequence(sequence)
                .setType(type)
                .setAt(now)
                .setTier(kase.getTier())
                .setActorCountry(actor.country())
                .setActorOfficer(actor.officerId())
                .setDetail(detail)
                .setAttributes(new HashMap<>(attributes))
                .setPrevHash(kase.getLastEventHash())
                .setHash("")
                .build();
        CaseEvent event = HashChain.seal(draft, kase.getLastEventHash());
        kase.setLastSequence(sequence);
        kase.setLastEventHash(event.getHash());
        kase.setUpdatedAt(now);
        events.add(event);
        return event;
    }

    CaseEvent record(CaseEventType type, String detail) {
        return record(type, Actor.SYSTEM, detail, Map.of());
    }

    void send(Notification notification) {
        notifications.add(notification);
    }

    CaseOutcome outcome() {
        return new CaseOutcome(events.isEmpty() ? Optional.empty() : Optional.of(kase), events, notifications);
    }
}
