package io.aegis.response.domain;

import io.aegis.kafka.crypto.CanonicalHash;
import io.aegis.kafka.crypto.HashChain;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * One workflow step on one case: the working copy of the case, and the events and notifications
 * the step produces. Every event is numbered and hash-chained onto the case as it is recorded,
 * so the case's {@code lastSequence}/{@code lastEventHash} always name the last event emitted.
 */
final class Transition {

    /** Datum readers keep per-read state; stream threads each get their own. */
    private static final ThreadLocal<SpecificDatumReader<CaseEvent>> READER =
            ThreadLocal.withInitial(() -> new SpecificDatumReader<>(CaseEvent.class));

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
     * Records an event, chaining it onto the previous one, and returns it. The hash covers the Avro
     * binary of the event, in which the {@code attributes} map is written in its iteration order; a
     * consumer rebuilds that map in its own (hash-table) order before verifying. So the event is
     * first passed through the same Avro decoding a consumer applies, and then sealed: the order
     * hashed is the order any reader of the topic re-creates, and the chain verifies wherever read.
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
        CaseEvent event = HashChain.seal(asReadBack(draft), kase.getLastEventHash());
        kase.setLastSequence(sequence);
        kase.setLastEventHash(event.getHash());
        kase.setUpdatedAt(now);
        events.add(event);
        return event;
    }

    private static CaseEvent asReadBack(CaseEvent event) {
        try {
            return READER.get().read(null, DecoderFactory.get().binaryDecoder(CanonicalHash.avroBinary(event), null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode the case event just encoded", e);
        }
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
