package io.aegis.replay.messaging;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.ReplayException;
import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.replay.domain.TimeRange;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads every Aegis topic over a range and decodes it into a {@link RecordedHistory}. The shared
 * topics (audit, coordination, escalations, cases, case events) must exist and be readable; the
 * per-country topics are read where this principal may read them, and each one it may not is
 * recorded as a note rather than failing the whole report. A broker hides a topic the principal
 * may not describe from its topic list, so the per-country topics of every country the routing
 * audit names are asked for by name: one that is denied is a note too, never a silent gap. A
 * record that does not decode is also a note, naming its coordinates. An entirely empty range is
 * an error.
 */
public final class HistoryLoader {

    private final RecordSource source;
    private final RecordDecoder decoder;
    private final Namespace namespace;

    public HistoryLoader(RecordSource source, RecordDecoder decoder, Namespace namespace) {
        this.source = source;
        this.decoder = decoder;
        this.namespace = namespace;
    }

    /** Loads every topic over {@code range}. */
    public RecordedHistory load(TimeRange range) {
        return load(range, range, range);
    }

    /**
     * Loads {@code range}; the routing audit is read over {@code auditRange} and the compacted
     * case-state topic over {@code casesRange}, which may be wider (a delivery's decision can
     * precede the range; a case opened before the range is still that case).
     */
    public RecordedHistory load(TimeRange range, TimeRange auditRange, TimeRange casesRange) {
        RecordedHistory history = RecordedHistory.empty();
        load(shared(TopicNames.ROUTING_AUDIT), auditRange, RoutingDecision.class, history, history.decisions()::add, true);
        load(shared(TopicNames.COORDINATION_SIGNALS), range, CoordinationSignal.class, history,
                history.coordination()::add, true);
        load(shared(TopicNames.ESCALATIONS), range, Escalation.class, history, history.escalations()::add, true);
        load(shared(TopicNames.CASES), casesRange, EmergencyCase.class, history, history.cases()::add, true);
        load(shared(TopicNames.CASE_EVENTS), range, CaseEvent.class, history, history.caseEvents()::add, true);
        load(shared(TopicNames.RECEIPTS), range, Receipt.class, history, history.receipts()::add, false);
        // every policy version on record, whenever published: the leak check re-reads copies against the version they cite
        load(shared(TopicNames.POLICIES), TimeRange.ALL, SharingPolicy.class, history, history.policies()::add, false);
        Set<String> countries = countriesNamed(history.decisions());
        for (String topic : perCountry(TopicNames.OUTBOX_PATTERN, TopicNames::outbox, countries, history)) {
            load(topic, range, OutboxEvent.class, history, recorded -> outbox(recorded, history), false);
        }
        for (String topic : perCountry(TopicNames.INBOX_PATTERN, TopicNames::inbox, countries, history)) {
            load(topic, range, InboxEvent.class, history, recorded -> inbox(recorded, history), false);
        }
        for (String topic : perCountry(TopicNames.NOTIFY_PATTERN, TopicNames::notify, countries, history)) {
            load(topic, range, Notification.class, history, history.notifications()::add, false);
        }
        for (String topic : perCountry(TopicNames.COMMANDS_PATTERN, TopicNames::commands, countries, history)) {
            load(topic, range, CaseCommand.class, history, history.commands()::add, false);
        }
        if (history.size() - history.policies().size()
                == history.cases().stream().filter(c -> !range.contains(c.timestamp())).count()) {
            throw ReplayException.unavailable("no records in any Aegis topic between " + range.from() + " and "
                    + range.to() + (history.notes().isEmpty() ? "" : " (" + String.join("; ", history.notes()) + ")"));
        }
        return history;
    }

    /** The latest state of case {@code caseId} on the compacted case topic, if it is there. */
    public Optional<EmergencyCase> findCase(String caseId) {
        String topic = namespace.topic(TopicNames.CASES);
        List<EmergencyCase> found = new ArrayList<>();
        source.read(topic, TimeRange.ALL, raw -> {
            if (caseId.equals(raw.keyText()) && raw.value() != null) {
                found.add(decoder.decode(raw, EmergencyCase.class));
            }
        });
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    private String shared(String aegisTopic) {
        return namespace.topic(aegisTopic);
    }

    /** Per-country topics of one kind this principal can see, sorted. */
    public List<String> perCountry(Pattern pattern) {
        return source.listTopics(name -> namespace.matches(name, pattern));
    }

    /**
     * The per-country topics of one kind to read: those this principal sees, and a note (and an
     * entry in {@code unreadableTopics}) for each topic of an expected country it is denied.
     */
    private List<String> perCountry(Pattern pattern, Function<String, String> topicOf, Set<String> expected,
                                    RecordedHistory history) {
        List<String> visible = perCountry(pattern);
        for (String country : expected) {
            String topic = namespace.topic(topicOf.apply(country));
            if (visible.contains(topic)) {
                continue;
            }
            if (source.visibility(topic) == KafkaAccess.Visibility.DENIED) {
                history.notes().add("not read: not authorized to describe or read topic " + topic
                        + ": the operator principal has no grant on it" + grantHint(topic));
                history.unreadableTopics().add(topic);
            } else if (!source.requiresSharedTopics()) {
                // archives: a topic of a country the audit names that was not exported is evidence not seen
                history.notes().add("not read: topic " + topic + " is in none of the archives");
                history.unreadableTopics().add(topic);
            }
        }
        return visible;
    }

    private static String grantHint(String topic) {
        return topic.contains(TopicNames.INBOX_PREFIX)
                ? " (reading inboxes needs a deployment grant, e.g. an auditor principal; see docs/runbook-operator.md)"
                : " (see docs/runbook-operator.md, Access)";
    }

    /** Every member country the routing audit names, as origin or destination. */
    private static Set<String> countriesNamed(List<Recorded<RoutingDecision>> decisions) {
        Set<String> countries = new TreeSet<>();
        for (Recorded<RoutingDecision> decision : decisions) {
            for (String country : List.of(decision.value().getOriginCountry(), decision.value().getDestination())) {
                if (TopicNames.isCountryCode(country)) {
                    countries.add(country);
                }
            }
        }
        return countries;
    }

    private <T extends SpecificRecord> void load(String topic, TimeRange range, Class<T> type, RecordedHistory history,
                                                 Consumer<Recorded<T>> sink, boolean required) {
        try {
            source.read(topic, range, raw -> {
                try {
                    sink.accept(new Recorded<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.keyText(),
                            decoder.decode(raw, type)));
                } catch (RecordDecoder.DecodeException e) {
                    history.notes().add("skipped undecodable record " + e.getMessage());
                    history.undecodable().add(e.getMessage());
                }
            });
        } catch (ReplayException e) {
            if ((required && source.requiresSharedTopics()) || e.exitCode() != ReplayException.UNAVAILABLE) {
                throw e;
            }
            boolean denied = e.getMessage().startsWith("not authorized");
            history.notes().add("not read: " + e.getMessage() + (denied ? grantHint(topic) : ""));
            history.unreadableTopics().add(topic);
        }
    }

    private static void outbox(Recorded<OutboxEvent> recorded, RecordedHistory history) {
        Object payload = recorded.value().getPayload();
        if (payload instanceof ThreatSignal signal) {
            history.signals().add(recorded.with(signal));
        } else if (payload instanceof Retraction retraction) {
            history.retractions().add(recorded.with(retraction));
        }
    }

    private static void inbox(Recorded<InboxEvent> recorded, RecordedHistory history) {
        if (recorded.value().getPayload() instanceof SharedSignal shared) {
            history.deliveries().add(recorded.with(shared));
        } else if (recorded.value().getPayload() instanceof EmergencyCase copy) {
            history.caseCopies().add(recorded.with(copy));
        }
    }
}
