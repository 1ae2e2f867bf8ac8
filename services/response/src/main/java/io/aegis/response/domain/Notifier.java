package io.aegis.response.domain;

import io.aegis.schema.response.Acknowledgement;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides who is told about a case step and writes what they are told. A country's contact is
 * the officer who acknowledged the current round for it, otherwise the roster officer at the
 * case's escalation level for the case's tier. Every batch of notifications is itself a
 * NOTIFIED case event naming the recipients and any country that has no roster, so nothing is
 * sent, or left unsent, without a trace.
 */
final class Notifier {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz");

    /**
     * What to say: the kind, why the officer is told (worded per country, since need to know may let
     * each country read a different account of the same case), what is asked, and by when.
     */
    record Message(NotificationKind kind, Function<String, String> whyFor, String ask, Instant deadline) {

        /** A message worded the same for every country. */
        Message(NotificationKind kind, String why, String ask, Instant deadline) {
            this(kind, country -> why, ask, deadline);
        }
    }

    private record Recipient(String country, DutyOfficer officer, int level) {
    }

    private final Rosters rosters;

    Notifier(Rosters rosters) {
        this.rosters = rosters;
    }

    /** Notifies each country's current contact. */
    void toContacts(Transition step, Collection<String> countries, Message message) {
        EmergencyCase kase = step.kase();
        List<Recipient> recipients = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (String country : countries) {
            Optional<Recipient> recipient = acknowledger(kase, country)
                    .or(() -> rostered(kase, country, kase.getEscalationLevel()));
            recipient.ifPresentOrElse(recipients::add, () -> unreachable.add(country));
        }
        send(step, recipients, unreachable, message);
    }

    /** Notifies each country's roster officer at a given level, whatever was acknowledged. */
    void toLevel(Transition step, Collection<String> countries, int level, Message message) {
        List<Recipient> recipients = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (String country : countries) {
            rostered(step.kase(), country, level).ifPresentOrElse(recipients::add, () -> unreachable.add(country));
        }
        send(step, recipients, unreachable, message);
    }

    private Optional<Recipient> acknowledger(EmergencyCase kase, String country) {
        return kase.getAcknowledgements().stream()
                .filter(ack -> ack.getCountry().equals(country))
                .map(Acknowledgement::getOfficerId)
                .findFirst()
                .map(officerId -> new Recipient(country, rosters.of(country).flatMap(r -> r.findOfficer(officerId))
                        .orElse(new DutyOfficer(officerId, officerId, ZoneOffset.UTC)), kase.getEscalationLevel()));
    }

    private Optional<Recipient> rostered(EmergencyCase kase, String country, int level) {
        return rosters.officer(country, kase.getTier(), level).map(officer -> new Recipient(country, officer, level));
    }

    private void send(Transition step, List<Recipient> recipients, List<String> unreachable, Message message) {
        if (recipients.isEmpty() && unreachable.isEmpty()) {
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", message.kind().name());
        attributes.put("recipients", recipients.stream()
                .map(r -> r.country() + ":" + r.officer().id()).collect(Collectors.joining(",")));
        String detail = message.kind() + " sent to " + recipients.size() + " officer(s)";
        if (!unreachable.isEmpty()) {
            attributes.put("unreachable", String.join(",", unreachable));
            detail += "; no roster for " + String.join(", ", unreachable);
        }
        long sequence = step.record(CaseEventType.NOTIFIED, Actor.SYSTEM, detail, attributes).getSequence();
        for (Recipient recipient : recipients) {
            step.send(notification(step, recipient, message, sequence));
        }
    }

    private Notification notification(Transition step, Recipient recipient, Message message, long sequence) {
        EmergencyCase kase = step.kase();
        String text = message.whyFor().apply(recipient.country());
        if (message.deadline() != null) {
            text += " Deadline: " + LOCAL.format(message.deadline().atZone(recipient.officer().timeZone()))
                    + " (" + message.deadline() + ").";
        }
        return Notification.newBuilder()
                .setNotificationId(kase.getCaseId() + "/" + sequence + "/" + recipient.officer().id())
                .setOfficerId(recipient.officer().id())
                .setCountry(recipient.country())
                .setCaseId(kase.getCaseId())
                .setKind(message.kind())
                .setTier(kase.getTier())
                .setTitle("[" + kase.getTier() + "] " + CaseCopies.titleFor(kase, recipient.country(), step.now()))
                .setMessage(text)
                .setAsk(message.ask())
                .setDeadline(message.deadline())
                .setEscalationLevel(recipient.level())
                .setCreatedAt(step.now())
                .build();
    }
}
